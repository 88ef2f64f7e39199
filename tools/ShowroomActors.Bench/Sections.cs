using System.Globalization;
using ShowroomActors.Actors.Audit;
using ShowroomActors.Actors.Persistence;

namespace ShowroomActors.Bench;

/// <summary>
/// A named group of figures (<c>--only NAME</c>). <see cref="PerBackend"/> sections run once for each journal backend
/// (b: Akka's in-memory journal, c: our SQLite and PostgreSQL set-ups); the others once per invocation.
/// <see cref="RunAsync"/> gets the backend (null for the others) and adds its figures to the run.
/// </summary>
public sealed record Section(string Name, string Description, bool PerBackend, Func<BenchRun, Backend?, Task> RunAsync);

/// <summary>
/// Every figure the Bench measures, in the order it runs them. To add a figure: add a section here (or a figure to a
/// section), with its workload in a file of its own.
/// </summary>
public static class Sections
{
    public static readonly IReadOnlyList<Section> All =
    [
        new("ceiling", "(a) storage ceiling: plain 100-row transactions into a journal-shaped table", PerBackend: false, CeilingAsync),
        new("storage", "bytes on disk per load-cell reading: a 20-slot shelf at 4 readings/s each, SQLite, every lift checked after a restart", PerBackend: false, StorageAsync),
        new("http-ceiling", "(a') HTTP ceiling: bare Kestrel reading the same sensor body, beside the host, in turns", PerBackend: false, (run, _) => HttpCeiling.RunAsync(run)),
        new("ingest", "slot ingest through the shard region: closed-loop rate and open-loop p99 at fixed rates", PerBackend: true, IngestAsync),
        new("recovery", "recovery of N entities x 10 events, replay of one long stream", PerBackend: true, RecoveryAsync),
        new("audit", "audit verify and state-as-of of one long stream (SQL backends)", PerBackend: true, AuditAsync),
        new("audit-all", "audit verify --all over a large journal, events-by-tag catch-up and poll (SQL backends)", PerBackend: true, AuditAllAsync),
        new("memory", "GC heap per live slot entity", PerBackend: true, MemoryAsync),
    ];

    public static IReadOnlyList<string> Names => All.Select(s => s.Name).ToList();

    private static async Task CeilingAsync(BenchRun run, Backend? _)
    {
        run.Add(new Figure("write rate", "ceiling:sqlite", await StorageCeiling.SqliteAsync(Path.Combine(run.Work, "ceiling"), run.Scale.Duration), "rows/s", true));
        if (run.PostgresServer is { } server)
            run.Add(new Figure("write rate", "ceiling:postgres", await StorageCeiling.PostgresAsync(server, run.Scale.Duration), "rows/s", true));
    }

    // Storage per load-cell reading: a 20-slot shelf at 4 readings/s each, one reading a request, for an hour of simulated
    // time (a lift somewhere on the shelf every ~20 s), and a shelf ten times as busy for comparison.
    private static async Task StorageAsync(BenchRun run, Backend? _)
    {
        foreach (var secondsBetweenLifts in new[] { 20.0, 2.0 })
        {
            var result = await StorageWorkload.RunAsync(Backend.Sqlite(run.Work), 20, run.Scale.StorageSpan, secondsBetweenLifts);
            var traffic = string.Create(CultureInfo.InvariantCulture, $"a lift every ~{secondsBetweenLifts:0} s on the shelf");
            run.Add(new Figure($"bytes on disk per reading ({traffic})", "sqlite", result.BytesPerReading, "bytes", false)
            {
                Note = string.Create(CultureInfo.InvariantCulture,
                    $"{result.Readings:N0} readings in {result.Simulated.TotalMinutes:0} simulated min: {result.Accepted:N0} accepted, {result.Folded:N0} folded; {result.Bytes:N0} bytes; lifts recorded after a restart {result.LiftsRecorded}/{result.LiftsMade}; rows: {string.Join(", ", result.Rows.Select(r => $"{r.Manifest} {r.Rows:N0} (avg {r.PayloadBytes / Math.Max(1, r.Rows)} B)"))}; snapshots {result.Snapshots.Rows} ({result.Snapshots.Bytes:N0} B)"),
            });
            run.Add(new Figure($"KB per slot-hour ({traffic})", "sqlite", result.BytesPerSlotHour / 1024, "KB", false));
            run.Add(new Figure($"MB per showroom-day, 100 slots x 12 h ({traffic})", "sqlite", result.BytesPerShowroomDay / 1024 / 1024, "MB", false));
            if (result.LiftsRecorded != result.LiftsMade)
                throw new InvalidOperationException($"lifts recorded after a restart: {result.LiftsRecorded} of {result.LiftsMade}");
        }
    }

    private static async Task IngestAsync(BenchRun run, Backend? backend)
    {
        var scale = run.Scale;
        var showroom = await backend!.StartAsync();
        await showroom.WaitUntilUpAsync(TimeSpan.FromSeconds(30));
        await Workloads.BindSlotsAsync(showroom, scale.Slots);
        var rate = await Workloads.IngestThroughputAsync(showroom, scale.Slots, inFlight: 1, scale.WarmUp, scale.Duration);
        run.Add(new Figure("slot ingest, 20 events/request, 100 slots", backend.Name, rate, "events/s", true));
        foreach (var requestsPerSecond in scale.FixedRates)
        {
            var histogram = await Workloads.FixedRateAsync(showroom, scale.Slots, requestsPerSecond, scale.Duration);
            var p99 = histogram.GetValueAtPercentile(99) * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
            run.Add(new Figure($"ingest p99 at {requestsPerSecond * Workloads.EventsPerRequest:N0} events/s", backend.Name, p99, "ms", false));
        }
        await showroom.System.Terminate();
    }

    private static async Task RecoveryAsync(BenchRun run, Backend? backend)
    {
        var scale = run.Scale;
        var ids = Enumerable.Range(0, scale.RecoveryEntities).Select(i => $"rec-{i}").ToList();
        var showroom = await backend!.StartAsync();
        if (backend.InMemory) await RecoveryWorkloads.WriteThroughEntitiesAsync(showroom.System, ids, 10);
        else
        {
            await Tables.EnsureAsync(showroom);
            await JournalSeeder.SeedAsync(backend.Settings, ids.Select(id => (id, 10)));
            await showroom.System.Terminate();
            showroom = await backend.StartAsync();
        }
        var elapsed = await RecoveryWorkloads.RecoverAllAsync(showroom.System, ids, 10);
        run.Add(new Figure($"recovery of {scale.RecoveryEntities:N0} entities x 10 events", backend.Name, elapsed.TotalSeconds, "s", false));

        const string replayId = "replay-1";
        if (backend.InMemory) await RecoveryWorkloads.WriteThroughEntitiesAsync(showroom.System, [replayId], scale.ReplayEvents);
        else await JournalSeeder.SeedAsync(backend.Settings, [(replayId, scale.ReplayEvents)]);
        var replay = await RecoveryWorkloads.RecoverAllAsync(showroom.System, [replayId], scale.ReplayEvents);
        run.Add(new Figure($"replay of one {scale.ReplayEvents:N0}-event stream", backend.Name, scale.ReplayEvents / replay.TotalSeconds, "events/s", true));
        await showroom.System.Terminate();
    }

    private static async Task AuditAsync(BenchRun run, Backend? backend)
    {
        if (backend!.InMemory) return; // the audit reader reads SQL journals
        var scale = run.Scale;
        var showroom = await backend.StartAsync();
        await Tables.EnsureAsync(showroom);
        await showroom.System.Terminate();
        const string productId = "audit-1";
        await JournalSeeder.SeedAsync(backend.Settings, [(productId, scale.ReplayEvents)]);

        var journal = new AuditJournal(backend.Settings);
        var pid = $"product-{productId}";
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var verified = await ChainVerifier.VerifyAsync(journal.StreamAsync(pid), pid);
        if (!verified.Ok) throw new InvalidOperationException("seeded chain does not verify");
        run.Add(new Figure($"audit verify of one {scale.ReplayEvents:N0}-event stream", backend.Name, watch.Elapsed.TotalSeconds, "s", false));
        watch.Restart();
        await StreamReplay.StateAsOfAsync(journal.StreamAsync(pid), pid, DateTimeOffset.UtcNow);
        run.Add(new Figure($"audit state-as-of of one {scale.ReplayEvents:N0}-event stream", backend.Name, watch.Elapsed.TotalSeconds, "s", false));
    }

    private static async Task AuditAllAsync(BenchRun run, Backend? backend)
    {
        if (backend!.InMemory) return;
        var showroom = await backend.StartAsync();
        await Tables.EnsureAsync(showroom);
        await showroom.System.Terminate();
        var streams = run.Scale.VerifyAllEvents / 100;
        await JournalSeeder.SeedAsync(backend.Settings, Enumerable.Range(0, streams).Select(i => ($"all-{i}", 100)));
        var journal = new AuditJournal(backend.Settings);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var (_, rows, broken) = await ChainVerifier.VerifyAllAsync(journal.AllByStreamAsync());
        if (broken.Count > 0) throw new InvalidOperationException("seeded journal does not verify");
        run.Add(new Figure($"audit verify --all of {rows:N0} events", backend.Name, watch.Elapsed.TotalSeconds, "s", false));

        // Events by tag on the same big journal, through the plugin's query as the projections use it: a catch-up
        // of a tag spread thinly over the whole journal (the catalog index at start-up) and a live poll of the last
        // rows (what every projection does every refresh-interval).
        showroom = await backend.StartAsync();
        var (catchUp, catalogEvents) = await TagQueries.CatchUpAsync(showroom.System, EventTagger.CatalogTag, 0);
        run.Add(new Figure($"events-by-tag catch-up from 0 over {rows:N0} events ({catalogEvents:N0} tagged)", backend.Name, catchUp.TotalSeconds, "s", false));
        var (poll, _) = await TagQueries.CatchUpAsync(showroom.System, EntityTypes.Product, Math.Max(0, rows - 100));
        run.Add(new Figure($"events-by-tag poll of the last 100 of {rows:N0} events", backend.Name, poll.TotalMilliseconds, "ms", false));
        await showroom.System.Terminate();
    }

    private static async Task MemoryAsync(BenchRun run, Backend? backend)
    {
        var entities = run.Scale.MemoryEntities;
        var showroom = await backend!.StartAsync();
        await showroom.WaitUntilUpAsync(TimeSpan.FromSeconds(30));
        await Workloads.BindSlotsAsync(showroom, 100, "warm");
        var before = GC.GetTotalMemory(forceFullCollection: true);
        await Workloads.BindSlotsAsync(showroom, entities, "mem");
        var after = GC.GetTotalMemory(forceFullCollection: true);
        run.Add(new Figure($"memory per live slot entity ({entities:N0} live)", backend.Name, (after - before) / 1024.0 / entities, "KB", false)
        {
            Note = backend.InMemory
                ? "includes the sharding entry, the in-memory journal's copy of the bind event and the snapshot store"
                : "includes the sharding entry; the journal is in the database, as deployed",
        });
        await showroom.System.Terminate();
    }
}

/// <summary>The journal plugin creates its tables when it first starts: one write through a real entity makes sure.</summary>
internal static class Tables
{
    public static async Task EnsureAsync(ShowroomActors.Actors.ShowroomSystem showroom)
    {
        await showroom.WaitUntilUpAsync(TimeSpan.FromSeconds(30));
        await RecoveryWorkloads.WriteThroughEntitiesAsync(showroom.System, ["tables-" + Guid.NewGuid().ToString("N")[..6]], 1);
    }
}
