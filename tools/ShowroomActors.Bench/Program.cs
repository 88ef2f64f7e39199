using System.Globalization;
using System.Text.Json;
using Npgsql;
using ShowroomActors.Actors.Audit;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Bench;

// ShowroomActors.Bench: side-by-side measurements in one run (issue 8). See docs/PERFORMANCE.md.
var quick = args.Contains("--quick");
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var known = new HashSet<string> { "--quick", "--postgres", "--out", "--work", "--only" };
foreach (var arg in args.Where(a => a.StartsWith("--", StringComparison.Ordinal)))
    if (!known.Contains(arg)) return Usage($"unknown option {arg}");

var work = Path.GetFullPath(Option("--work") ?? Path.Combine(Path.GetTempPath(), "showroom-bench-" + Guid.NewGuid().ToString("N")[..8]));
var only = Option("--only")?.Split(',').ToHashSet();
bool Run(string section) => only is null || only.Contains(section);
var postgresServer = Option("--postgres") ?? Environment.GetEnvironmentVariable("SHOWROOM_TEST_POSTGRES")
    ?? "Host=127.0.0.1;Port=5432;Username=showroom;Password=showroom;Database=showroom";
if (postgresServer == "off" || !await ReachableAsync(postgresServer))
{
    Console.WriteLine($"PostgreSQL: {(postgresServer == "off" ? "off" : "not reachable")}; measuring SQLite and in-memory only.");
    postgresServer = null;
}

var scale = new Scale(quick);
var figures = new List<Figure>();
void Add(Figure figure)
{
    figures.Add(figure);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {figure.Name} [{figure.Backend}]: {figure.Value:N1} {figure.Unit}"));
}

Console.WriteLine($"ShowroomActors.Bench {(quick ? "--quick" : "full")} on {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, work dir {work}");
Directory.CreateDirectory(work);

// (a) the storage ceiling
if (Run("ceiling"))
{
    Console.WriteLine("(a) storage ceiling: plain 100-row transactions into a journal-shaped table");
    Add(new Figure("write rate", "ceiling:sqlite", await StorageCeiling.SqliteAsync(Path.Combine(work, "ceiling"), scale.Duration), "rows/s", true));
    if (postgresServer is not null)
        Add(new Figure("write rate", "ceiling:postgres", await StorageCeiling.PostgresAsync(postgresServer, scale.Duration), "rows/s", true));
}

// Storage per load-cell reading: a 20-slot shelf at 4 readings/s each, one reading a request, for an hour of simulated
// time (a lift somewhere on the shelf every ~20 s), and a shelf ten times as busy for comparison.
if (Run("storage"))
{
    Console.WriteLine("storage: load-cell shelf, 20 slots, 4 readings/s each, one reading per request, SQLite file checkpointed, host stopped");
    foreach (var secondsBetweenLifts in new[] { 20.0, 2.0 })
    {
        var result = await StorageWorkload.RunAsync(Backend.Sqlite(work), 20, scale.StorageSpan, secondsBetweenLifts);
        var traffic = string.Create(CultureInfo.InvariantCulture, $"a lift every ~{secondsBetweenLifts:0} s on the shelf");
        Add(new Figure($"bytes on disk per reading ({traffic})", "sqlite", result.BytesPerReading, "bytes", false)
        {
            Note = string.Create(CultureInfo.InvariantCulture,
                $"{result.Readings:N0} readings in {result.Simulated.TotalMinutes:0} simulated min: {result.Accepted:N0} accepted, {result.Folded:N0} folded; {result.Bytes:N0} bytes; lifts recorded after a restart {result.LiftsRecorded}/{result.LiftsMade}; rows: {string.Join(", ", result.Rows.Select(r => $"{r.Manifest} {r.Rows:N0} (avg {r.PayloadBytes / Math.Max(1, r.Rows)} B)"))}; snapshots {result.Snapshots.Rows} ({result.Snapshots.Bytes:N0} B)"),
        });
        Add(new Figure($"KB per slot-hour ({traffic})", "sqlite", result.BytesPerSlotHour / 1024, "KB", false));
        Add(new Figure($"MB per showroom-day, 100 slots x 12 h ({traffic})", "sqlite", result.BytesPerShowroomDay / 1024 / 1024, "MB", false));
        if (result.LiftsRecorded != result.LiftsMade)
            throw new InvalidOperationException($"lifts recorded after a restart: {result.LiftsRecorded} of {result.LiftsMade}");
    }
}

var backends = new List<Func<Task<Backend>>> { () => Task.FromResult(Backend.Memory(work)), () => Task.FromResult(Backend.Sqlite(work)) };
if (postgresServer is not null) backends.Add(() => Backend.PostgresAsync(postgresServer, work));

foreach (var makeBackend in backends)
{
    var backend = await makeBackend();
    Console.WriteLine($"({(backend.InMemory ? "b" : "c")}) {backend.Name}");
    try
    {
        if (Run("ingest"))
        {
            var showroom = await backend.StartAsync();
            await showroom.WaitUntilUpAsync(TimeSpan.FromSeconds(30));
            await Workloads.BindSlotsAsync(showroom, scale.Slots);
            var rate = await Workloads.IngestThroughputAsync(showroom, scale.Slots, inFlight: 1, scale.WarmUp, scale.Duration);
            Add(new Figure("slot ingest, 20 events/request, 100 slots", backend.Name, rate, "events/s", true));
            foreach (var requestsPerSecond in scale.FixedRates)
            {
                var histogram = await Workloads.FixedRateAsync(showroom, scale.Slots, requestsPerSecond, scale.Duration);
                var p99 = histogram.GetValueAtPercentile(99) * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
                Add(new Figure($"ingest p99 at {requestsPerSecond * Workloads.EventsPerRequest:N0} events/s", backend.Name, p99, "ms", false));
            }
            await showroom.System.Terminate();
        }

        if (Run("recovery"))
        {
            var ids = Enumerable.Range(0, scale.RecoveryEntities).Select(i => $"rec-{i}").ToList();
            var showroom = await backend.StartAsync();
            if (backend.InMemory) await RecoveryWorkloads.WriteThroughEntitiesAsync(showroom.System, ids, 10);
            else
            {
                await EnsureTablesAsync(showroom);
                await JournalSeeder.SeedAsync(backend.Settings, ids.Select(id => (id, 10)));
                await showroom.System.Terminate();
                showroom = await backend.StartAsync();
            }
            var elapsed = await RecoveryWorkloads.RecoverAllAsync(showroom.System, ids, 10);
            Add(new Figure($"recovery of {scale.RecoveryEntities:N0} entities x 10 events", backend.Name, elapsed.TotalSeconds, "s", false));

            var replayId = "replay-1";
            if (backend.InMemory) await RecoveryWorkloads.WriteThroughEntitiesAsync(showroom.System, [replayId], scale.ReplayEvents);
            else await JournalSeeder.SeedAsync(backend.Settings, [(replayId, scale.ReplayEvents)]);
            var replay = await RecoveryWorkloads.RecoverAllAsync(showroom.System, [replayId], scale.ReplayEvents);
            Add(new Figure($"replay of one {scale.ReplayEvents:N0}-event stream", backend.Name, scale.ReplayEvents / replay.TotalSeconds, "events/s", true));
            await showroom.System.Terminate();

            if (!backend.InMemory && Run("audit"))
            {
                var journal = new AuditJournal(backend.Settings);
                var pid = $"product-{replayId}";
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var verified = await ChainVerifier.VerifyAsync(journal.StreamAsync(pid), pid);
                if (!verified.Ok) throw new InvalidOperationException("seeded chain does not verify");
                Add(new Figure($"audit verify of one {scale.ReplayEvents:N0}-event stream", backend.Name, watch.Elapsed.TotalSeconds, "s", false));
                watch.Restart();
                await StreamReplay.StateAsOfAsync(journal.StreamAsync(pid), pid, DateTimeOffset.UtcNow);
                Add(new Figure($"audit state-as-of of one {scale.ReplayEvents:N0}-event stream", backend.Name, watch.Elapsed.TotalSeconds, "s", false));
            }
        }

        if (Run("audit-all") && !backend.InMemory)
        {
            var showroom = await backend.StartAsync();
            await EnsureTablesAsync(showroom);
            await showroom.System.Terminate();
            var streams = scale.VerifyAllEvents / 100;
            await JournalSeeder.SeedAsync(backend.Settings, Enumerable.Range(0, streams).Select(i => ($"all-{i}", 100)));
            var journal = new AuditJournal(backend.Settings);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var (_, rows, broken) = await ChainVerifier.VerifyAllAsync(journal.AllByStreamAsync());
            if (broken.Count > 0) throw new InvalidOperationException("seeded journal does not verify");
            Add(new Figure($"audit verify --all of {rows:N0} events", backend.Name, watch.Elapsed.TotalSeconds, "s", false));

            // Events by tag on the same big journal, through the plugin's query as the projections use it: a catch-up
            // of a tag spread thinly over the whole journal (the catalog index at start-up) and a live poll of the last
            // rows (what every projection does every refresh-interval).
            showroom = await backend.StartAsync();
            var (catchUp, catalogEvents) = await TagQueries.CatchUpAsync(showroom.System, EventTagger.CatalogTag, 0);
            Add(new Figure($"events-by-tag catch-up from 0 over {rows:N0} events ({catalogEvents:N0} tagged)", backend.Name, catchUp.TotalSeconds, "s", false));
            var (poll, _) = await TagQueries.CatchUpAsync(showroom.System, EntityTypes.Product, Math.Max(0, rows - 100));
            Add(new Figure($"events-by-tag poll of the last 100 of {rows:N0} events", backend.Name, poll.TotalMilliseconds, "ms", false));
            await showroom.System.Terminate();
        }

        if (Run("memory"))
        {
            var showroom = await backend.StartAsync();
            await showroom.WaitUntilUpAsync(TimeSpan.FromSeconds(30));
            await Workloads.BindSlotsAsync(showroom, 100, "warm");
            var before = GC.GetTotalMemory(forceFullCollection: true);
            await Workloads.BindSlotsAsync(showroom, scale.MemoryEntities, "mem");
            var after = GC.GetTotalMemory(forceFullCollection: true);
            Add(new Figure($"memory per live slot entity ({scale.MemoryEntities:N0} live)", backend.Name, (after - before) / 1024.0 / scale.MemoryEntities, "KB", false)
            {
                Note = backend.InMemory
                    ? "includes the sharding entry, the in-memory journal's copy of the bind event and the snapshot store"
                    : "includes the sharding entry; the journal is in the database, as deployed",
            });
            await showroom.System.Terminate();
        }
    }
    finally
    {
        if (postgresServer is not null) await backend.DropAsync(postgresServer);
    }
}

Report.Print(figures, Console.Out);
if (Option("--out") is { } outFile)
{
    await File.WriteAllTextAsync(outFile, JsonSerializer.Serialize(new { date = DateTime.UtcNow, quick, cores = Environment.ProcessorCount, figures },
        new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
    Console.WriteLine($"results written to {outFile}");
}
try { Directory.Delete(work, recursive: true); } catch (IOException) { }
return 0;

static int Usage(string error)
{
    Console.Error.WriteLine($"error: {error}");
    Console.Error.WriteLine("usage: ShowroomActors.Bench [--quick] [--postgres CONNECTION|off] [--out FILE.json] [--work DIR] [--only ceiling,storage,ingest,recovery,audit,audit-all,memory]");
    return 2;
}

static async Task<bool> ReachableAsync(string connection)
{
    try
    {
        await using var c = new NpgsqlConnection(connection);
        await c.OpenAsync();
        return true;
    }
    catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or InvalidOperationException)
    {
        return false;
    }
}

// The journal plugin creates its tables when it first starts: one write through a real entity makes sure.
static async Task EnsureTablesAsync(ShowroomActors.Actors.ShowroomSystem showroom)
{
    await showroom.WaitUntilUpAsync(TimeSpan.FromSeconds(30));
    await RecoveryWorkloads.WriteThroughEntitiesAsync(showroom.System, ["tables-" + Guid.NewGuid().ToString("N")[..6]], 1);
}

/// <summary>Sizes: full runs follow the issue's figures; --quick finishes in about a minute.</summary>
internal sealed record Scale(bool Quick)
{
    public int Slots => 100;
    public TimeSpan WarmUp => Quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(8);
    public TimeSpan Duration => Quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(10);
    public double[] FixedRates => Quick ? [100] : [100, 400];
    public int RecoveryEntities => Quick ? 1_000 : 10_000;
    public int ReplayEvents => Quick ? 20_000 : 100_000;
    public int VerifyAllEvents => Quick ? 100_000 : 1_000_000;
    public int MemoryEntities => Quick ? 10_000 : 100_000;
    /// <summary>Simulated time of the storage figure's shelf.</summary>
    public TimeSpan StorageSpan => Quick ? TimeSpan.FromMinutes(10) : TimeSpan.FromHours(1);
}
