using System.Diagnostics;
using Akka.Actor;
using HdrHistogram;
using ShowroomActors.Actors;
using ShowroomActors.Domain.Catalog;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Shelves;

namespace ShowroomActors.Bench;

/// <summary>The measured workloads, all through the real entities and shard regions (no HTTP).</summary>
public static class Workloads
{
    public const int EventsPerRequest = 20;
    private static readonly DeviceSecret Key = new("bench-device-key");

    private static readonly SlotProduct Tea = new("bench-tea", "凌云白毫茶 100g", "高山云雾白毫茶。", "凌云县", "凌云县白毫茶专业合作社",
        "合作社带动45户茶农增收。", 12800, "FP45102720200001", 160);

    private static readonly ProductDetails TeaDetails = new(Tea.Name, "tea", Tea.OriginCounty, Tea.Supplier, true, Tea.CertificateNo,
        new Fen(Tea.PriceFen), Tea.UnitWeightGrams, Tea.Intro, Tea.Story);

    /// <summary>Binds <paramref name="count"/> RFID-style slots (their devices report lifts and returns themselves).</summary>
    public static async Task BindSlotsAsync(ShowroomSystem showroom, int count, string prefix = "bench")
    {
        var salt = DeviceKeys.NewSalt();
        await ForAllAsync(Enumerable.Range(0, count), 64, async i =>
        {
            var answer = await showroom.Slots.Ask<object>(new BindSlot($"{prefix}-{i}", Tea, $"dev-{prefix}-{i}", Key, salt), TimeSpan.FromSeconds(60));
            if (answer is SlotReply.Rejected r) throw new InvalidOperationException($"bind failed: {r.Rejection.Message}");
        });
    }

    /// <summary>A request of 20 alternating lift/return events for one slot's device, continuing its seq.</summary>
    private static IngestSensorEvents Batch(string prefix, int slot, long firstSeq)
    {
        var now = DateTimeOffset.UtcNow;
        var events = new SensorReading[EventsPerRequest];
        for (var i = 0; i < EventsPerRequest; i++)
            events[i] = new SensorReading($"dev-{prefix}-{slot}", 0, firstSeq + i, now, i % 2 == 0 ? SensorKind.Lifted : SensorKind.Returned, null, null);
        return new IngestSensorEvents($"{prefix}-{slot}", Key, events);
    }

    /// <summary>Closed loop: <paramref name="inFlight"/> requests per slot for <paramref name="duration"/>. Device events accepted per second.</summary>
    public static async Task<double> IngestThroughputAsync(ShowroomSystem showroom, int slots, int inFlight, TimeSpan warmUp, TimeSpan duration, string prefix = "bench")
    {
        var seqs = new long[slots];
        long accepted = 0;
        var measuring = false;
        var stop = DateTime.UtcNow + warmUp + duration;
        var measureFrom = DateTime.UtcNow + warmUp;
        var watch = new Stopwatch();

        async Task Loop(int slot)
        {
            while (DateTime.UtcNow < stop)
            {
                long first;
                lock (seqs) { first = seqs[slot] + 1; seqs[slot] += EventsPerRequest; }
                var answer = await showroom.Slots.Ask<object>(Batch(prefix, slot, first), TimeSpan.FromSeconds(60));
                if (answer is not SlotReply.Ingested { Result: var result }) throw new InvalidOperationException($"ingest failed: {answer}");
                if (!measuring && DateTime.UtcNow >= measureFrom)
                    lock (seqs)
                        if (!measuring) { measuring = true; watch.Start(); Interlocked.Exchange(ref accepted, 0); }
                Interlocked.Add(ref accepted, result.Accepted);
            }
        }

        // A slot's requests must arrive in seq order: one loop per slot per in-flight request would reorder them,
        // so in-flight > 1 uses that many disjoint slot groups instead.
        await Task.WhenAll(Enumerable.Range(0, slots * inFlight).Select(i => Loop(i % slots)));
        watch.Stop();
        return Interlocked.Read(ref accepted) / Math.Max(watch.Elapsed.TotalSeconds, 0.001);
    }

    /// <summary>Open loop at a fixed request rate: each request's latency from its scheduled start (no coordinated omission).</summary>
    public static async Task<LongHistogram> FixedRateAsync(ShowroomSystem showroom, int slots, double requestsPerSecond, TimeSpan duration, string prefix = "bench")
    {
        var histogram = new LongHistogram(TimeStamp.Minutes(1), 3);
        var seqs = new long[slots];
        var interval = TimeSpan.FromSeconds(1 / requestsPerSecond);
        var start = Stopwatch.GetTimestamp();
        var total = (int)(duration.TotalSeconds * requestsPerSecond);
        var pending = new List<Task>(total);
        for (var n = 0; n < total; n++)
        {
            var scheduled = start + (long)(n * interval.TotalSeconds * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), scheduled);
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            var slot = n % slots;
            var first = seqs[slot] + 1;
            seqs[slot] += EventsPerRequest;
            pending.Add(RecordAsync(showroom.Slots.Ask<object>(Batch(prefix, slot, first), TimeSpan.FromSeconds(60)), scheduled, histogram));
        }
        await Task.WhenAll(pending);
        return histogram;
    }

    private static async Task RecordAsync(Task<object> ask, long scheduled, LongHistogram histogram)
    {
        await ask;
        var elapsed = Stopwatch.GetTimestamp() - scheduled;
        lock (histogram) histogram.RecordValue(Math.Max(elapsed, 0));
    }

    /// <summary>Registers <paramref name="entities"/> products and gives each <paramref name="eventsEach"/> events in total.</summary>
    public static async Task WriteProductsAsync(ShowroomSystem showroom, int entities, int eventsEach, string prefix)
    {
        await ForAllAsync(Enumerable.Range(0, entities), 256, async i =>
        {
            var id = $"{prefix}-{i}";
            await Expect<ProductReply.Accepted>(showroom.Products.Ask<object>(new RegisterProduct(id, TeaDetails), TimeSpan.FromSeconds(60)));
            for (var e = 1; e < eventsEach; e++)
                await Expect<ProductReply.Accepted>(showroom.Products.Ask<object>(new ReceiveStock(id, 1, $"b{e}"), TimeSpan.FromSeconds(60)));
        });
    }

    /// <summary>Time until every one of <paramref name="entities"/> products has recovered and answered.</summary>
    public static async Task<TimeSpan> RecoverProductsAsync(ShowroomSystem showroom, int entities, string prefix)
    {
        var watch = Stopwatch.StartNew();
        await ForAllAsync(Enumerable.Range(0, entities), entities, async i =>
            await Expect<ProductReply.Accepted>(showroom.Products.Ask<object>(new GetProduct($"{prefix}-{i}"), TimeSpan.FromMinutes(5))));
        return watch.Elapsed;
    }

    public static async Task ForAllAsync<T>(IEnumerable<T> items, int parallelism, Func<T, Task> action) =>
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (item, _) => await action(item));

    private static async Task<T> Expect<T>(Task<object> ask) =>
        await ask is T value ? value : throw new InvalidOperationException($"unexpected answer {await ask}");
}
