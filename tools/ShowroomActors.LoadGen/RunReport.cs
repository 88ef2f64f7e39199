using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using HdrHistogram;

namespace ShowroomActors.LoadGen;

/// <summary>Figures of one kind of traffic over the measured window; latencies in milliseconds.</summary>
public sealed record KindReport(
    string Kind,
    double TargetRate,
    long Sent,
    long Ok,
    double OkPerSecond,
    double? P50Ms,
    double? P90Ms,
    double? P99Ms,
    double? P999Ms,
    double? MaxMs,
    long Skipped,
    IReadOnlyDictionary<string, long> Errors)
{
    public long ErrorCount => Errors.Values.Sum();

    public static KindReport From(KindStats stats, HistogramBase histogram, double seconds)
    {
        double? At(double percentile) => histogram.TotalCount == 0 ? null : histogram.GetValueAtPercentile(percentile) / 1000.0;
        return new KindReport(stats.Kind.Name(), stats.TargetRate, stats.MeasuredSent, stats.MeasuredOk,
            seconds > 0 ? stats.MeasuredOk / seconds : 0,
            At(50), At(90), At(99), At(99.9), histogram.TotalCount == 0 ? null : histogram.GetMaxValue() / 1000.0,
            stats.Skipped, stats.Errors());
    }
}

/// <summary>
/// Events of the measured device batches: <c>Accepted</c> stored as rows, <c>Folded</c> summarised into a steady
/// run (both kept), <c>KeptPerSecond</c> their sum a second; <c>BatchesWaited</c>: batches that had to wait for a
/// device to be free.
/// </summary>
public sealed record DeviceEventsReport(long Sent, long Accepted, long Folded, long Duplicates, long Rejected, double KeptPerSecond, long BatchesWaited);

public sealed record ProbeReport(int Slots, long Skipped, long Reconnects);

public sealed record MachineReport(int Cores, string Os, string Runtime)
{
    public static MachineReport Current() => new(Environment.ProcessorCount,
        System.Runtime.InteropServices.RuntimeInformation.OSDescription, System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
}

public sealed record ToolReport(double CpuSeconds, double WallSeconds, double CoresUsed, int Cores, double AllocatedMegabytes, int Gen0, int Gen1, int Gen2)
{
    /// <summary>The generator's own cost since the counters were read: CPU, allocations and collections.</summary>
    public static ToolReport Since(double cpuSeconds, TimeSpan wall, long allocatedBefore, (int, int, int) gcBefore) =>
        new(cpuSeconds, wall.TotalSeconds, cpuSeconds / wall.TotalSeconds, Environment.ProcessorCount,
            (GC.GetTotalAllocatedBytes() - allocatedBefore) / 1048576.0,
            GC.CollectionCount(0) - gcBefore.Item1, GC.CollectionCount(1) - gcBefore.Item2, GC.CollectionCount(2) - gcBefore.Item3);

    public string Line() => string.Create(CultureInfo.InvariantCulture,
        $"load generator: {CpuSeconds:0.0} s CPU in {WallSeconds:0.0} s = {CoresUsed:0.00} of {Cores} cores ({CoresUsed * 100:0}% of one); {AllocatedMegabytes:0} MB allocated, GCs {Gen0}/{Gen1}/{Gen2}");
}

/// <summary>The results as printed and as written to <c>--json</c>.</summary>
public sealed record RunReport(
    DateTimeOffset StartedAt,
    IReadOnlyList<string> Urls,
    string CommandLine,
    double WarmUpSeconds,
    double MeasuredSeconds,
    int Slots,
    int Devices,
    int Buyers,
    int EventsPerRequest,
    IReadOnlyList<KindReport> Kinds,
    DeviceEventsReport DeviceEvents,
    ProbeReport? Probes,
    ToolReport Tool,
    MachineReport Machine)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>The final table: one row per kind, then device events, probes and the tool's own cost.</summary>
    public string ToTable()
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"{StartedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC, {Machine.Cores} cores: measured {MeasuredSeconds:0.0} s after a {WarmUpSeconds:0.#} s warm-up against {string.Join(", ", Urls)}");
        text.AppendLine("latency from the scheduled send to the end of the answer (probe: to the SSE frame showing the product), ms");
        text.AppendLine(c, $"{"kind",-7} {"target/s",9} {"sent",8} {"ok",8} {"ok/s",8} {"p50",8} {"p90",8} {"p99",8} {"p99.9",8} {"max",8}  errors");
        foreach (var k in Kinds)
        {
            var errors = k.Errors.Count == 0 ? "0" : string.Join(" ", k.Errors.Select(e => $"{e.Key}:{e.Value}"));
            text.AppendLine(c, $"{k.Kind,-7} {k.TargetRate,9:0.##} {k.Sent,8} {k.Ok,8} {k.OkPerSecond,8:0.0} {Ms(k.P50Ms),8} {Ms(k.P90Ms),8} {Ms(k.P99Ms),8} {Ms(k.P999Ms),8} {Ms(k.MaxMs),8}  {errors}");
        }
        var d = DeviceEvents;
        if (Kinds.Any(k => k.Kind == TrafficKind.Ingest.Name()))
            text.AppendLine(c, $"device events: {d.KeptPerSecond:0} kept/s ({d.Accepted} accepted as rows, {d.Folded} folded, {d.Duplicates} duplicates, {d.Rejected} rejected of {d.Sent} sent in measured batches; {EventsPerRequest} a request, {Devices} devices)");
        if (Kinds.Any(k => k.Kind == TrafficKind.Ingest.Name()) && d.BatchesWaited > 0)
            text.AppendLine(c, $"  {d.BatchesWaited} batches waited for a device still busy with its previous batch (in their latency; more --devices send them on time)");
        if (Probes is { } p)
            text.AppendLine(c, $"probes: {p.Slots} probe slots, {p.Skipped} probes skipped (no idle probe slot), {p.Reconnects} screen stream reconnects");
        text.AppendLine(Tool.Line());
        return text.ToString();
    }

    private static string Ms(double? ms) => ms switch
    {
        null => "-",
        < 10 => ms.Value.ToString("0.00", CultureInfo.InvariantCulture),
        < 100 => ms.Value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => ms.Value.ToString("0", CultureInfo.InvariantCulture),
    };
}
