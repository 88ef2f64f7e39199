using System.Globalization;
using Akka.Actor;
using Microsoft.Data.Sqlite;
using ShowroomActors.Actors;
using ShowroomActors.Domain.Shelves;

namespace ShowroomActors.Bench;

/// <summary>
/// Bytes on disk per load-cell reading: a <see cref="LoadCellShelf"/> driven through the real slot entities on a fresh
/// SQLite journal for a span of simulated time (the slots' clock is simulated, so an hour of readings takes seconds),
/// one reading per request as a load cell sends them. The file is measured checkpointed (WAL folded in) with the host
/// stopped, against the same file before the readings, and a restarted host is asked for every slot's lifts.
/// </summary>
public static class StorageWorkload
{
    private static readonly DeviceSecret Key = new("bench-load-cell-key");

    public sealed record Result(
        int Slots, TimeSpan Simulated, double MeanSecondsBetweenLifts, long Readings, long Accepted, long Folded, long Bytes,
        int LiftsMade, int LiftsRecorded, IReadOnlyList<(string Manifest, long Rows, long PayloadBytes)> Rows,
        (long Rows, long Bytes) Snapshots)
    {
        public double BytesPerReading => (double)Bytes / Readings;
        /// <summary>Bytes one slot adds in an hour of this traffic (4 readings a second).</summary>
        public double BytesPerSlotHour => BytesPerReading * LoadCellShelf.ReadingsPerSecond * 3600;
        /// <summary>A 100-slot showroom open 12 hours a day.</summary>
        public double BytesPerShowroomDay => BytesPerSlotHour * 100 * 12;
    }

    public static async Task<Result> RunAsync(Backend backend, int slots, TimeSpan simulated, double meanSecondsBetweenLifts)
    {
        var clock = new SimulatedClock(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.FromHours(8)));
        var shelf = new LoadCellShelf(slots, meanSecondsBetweenLifts);
        var showroom = await backend.StartAsync(clock);
        await showroom.WaitUntilUpAsync(TimeSpan.FromSeconds(30));
        var salt = DeviceKeys.NewSalt();
        for (var i = 0; i < slots; i++)
        {
            var product = new SlotProduct($"shelf-product-{i}", "东源客家腐竹", "山泉水手工制作。", "东源县", "东源县顺天镇金豆豆制品专业合作社",
                "作坊雇用了15名村民。", 3680, "FP44162520200003", shelf.UnitGrams(i));
            if (await showroom.Slots.Ask<object>(new BindSlot(SlotId(i), product, DeviceId(i), Key, salt), TimeSpan.FromSeconds(60)) is SlotReply.Rejected r)
                throw new InvalidOperationException($"bind failed: {r.Rejection.Message}");
        }
        var file = backend.Settings.SqliteFile;
        var before = CheckpointedSize(file);

        long readings = 0, accepted = 0, folded = 0;
        var asks = new Task<object>[slots];
        // The span, then ten seconds more without new lifts, so every lift begun is put back and settled.
        for (var elapsed = TimeSpan.Zero; elapsed < simulated + TimeSpan.FromSeconds(10); elapsed += LoadCellShelf.ReadingEvery)
        {
            shelf.Closing = elapsed >= simulated;
            clock.Now = clock.Start + elapsed;
            var grams = shelf.Readings(elapsed);
            var seq = (long)(elapsed / LoadCellShelf.ReadingEvery);
            for (var i = 0; i < slots; i++)
                asks[i] = showroom.Slots.Ask<object>(new IngestSensorEvents(SlotId(i), Key,
                    [new SensorReading(DeviceId(i), 1, seq, clock.Now, SensorKind.Weight, grams[i], null)]), TimeSpan.FromSeconds(60));
            foreach (var answer in await Task.WhenAll(asks))
            {
                if (answer is not SlotReply.Ingested { Result: var result }) throw new InvalidOperationException($"ingest failed: {answer}");
                readings++;
                accepted += result.Accepted;
                folded += result.Folded;
            }
        }
        await showroom.StopAsync(); // graceful: each slot summarises its steady run as it stops
        var bytes = CheckpointedSize(file) - before;
        var rows = RowsByManifest(file);
        var snapshots = Snapshots(file);

        var restarted = await backend.StartAsync(clock);
        await restarted.WaitUntilUpAsync(TimeSpan.FromSeconds(30));
        var recorded = 0;
        for (var i = 0; i < slots; i++)
            recorded += ((SlotReply.Viewed)await restarted.Slots.Ask<object>(new GetSlot(SlotId(i)), TimeSpan.FromSeconds(60))).Slot.Lifts;
        await restarted.StopAsync();
        return new Result(slots, simulated, meanSecondsBetweenLifts, readings, accepted, folded, bytes, shelf.Lifts, recorded, rows, snapshots);
    }

    private static string SlotId(int i) => string.Create(CultureInfo.InvariantCulture, $"shelf-{i:00}");
    private static string DeviceId(int i) => string.Create(CultureInfo.InvariantCulture, $"lc-shelf-{i:00}");

    /// <summary>The file's size once the WAL is checkpointed into it and truncated.</summary>
    private static long CheckpointedSize(string file)
    {
        using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            command.ExecuteNonQuery();
        }
        return new FileInfo(file).Length;
    }

    private static List<(string, long, long)> RowsByManifest(string file)
    {
        using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT manifest, COUNT(*), SUM(LENGTH(message)) FROM journal WHERE persistence_id LIKE 'slot-shelf-%'
            GROUP BY manifest ORDER BY COUNT(*) DESC
            """;
        using var reader = command.ExecuteReader();
        var rows = new List<(string, long, long)>();
        while (reader.Read()) rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        return rows;
    }

    /// <summary>The snapshot store's rows and bytes (what the file holds besides the journal and its indexes).</summary>
    private static (long Rows, long Bytes) Snapshots(string file)
    {
        using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COALESCE(SUM(LENGTH(snapshot)), 0) FROM snapshot";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>The slots' clock: moved by the workload, so simulated hours pass in seconds.</summary>
    private sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Start { get; } = start;
        public DateTimeOffset Now { get; set; } = start;
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
