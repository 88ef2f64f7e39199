using System.Diagnostics;
using System.Globalization;
using HdrHistogram;

namespace ShowroomActors.Client;

/// <summary>
/// Latencies in microseconds, recorded into HdrHistogram (1 µs to an hour, 3 significant digits, safe to write from
/// many threads), and the one way the tools print them.
/// </summary>
public sealed class Latencies
{
    /// <summary>Highest latency kept exactly: an hour, in microseconds; longer ones count as an hour.</summary>
    public const long MaxMicros = 3_600_000_000;

    private readonly Recorder _recorder = NewRecorder();
    private readonly HistogramBase _total = NewRecorder().GetIntervalHistogram();

    public static Recorder NewRecorder() => HistogramFactory.With64BitBucketSize()
        .WithValuesFrom(1)
        .WithValuesUpTo(MaxMicros)
        .WithPrecisionOf(3)
        .WithThreadSafeWrites()
        .WithThreadSafeReads()
        .Create();

    public static long MicrosBetween(long fromTicks, long toTicks) =>
        Math.Clamp((toTicks - fromTicks) * 1_000_000 / Stopwatch.Frequency, 1, MaxMicros);

    public void Record(long fromTicks, long toTicks) => _recorder.RecordValue(MicrosBetween(fromTicks, toTicks));

    public void RecordMilliseconds(double ms) => _recorder.RecordValue(Math.Clamp((long)(ms * 1000), 1, MaxMicros));

    /// <summary>Everything recorded so far (call from one thread at a time).</summary>
    public HistogramBase Snapshot()
    {
        lock (_total)
        {
            _total.Add(_recorder.GetIntervalHistogram());
            return _total.Copy();
        }
    }

    public string Summary() => Summary(Snapshot());

    /// <summary>The summary of several recorders together (e.g. one per slot).</summary>
    public static string Summary(IEnumerable<Latencies> parts)
    {
        var all = NewRecorder().GetIntervalHistogram();
        foreach (var part in parts) all.Add(part.Snapshot());
        return Summary(all);
    }

    /// <summary><c>n=… p50=… p95=… p99=… max=… ms</c>, or <c>no samples</c>.</summary>
    public static string Summary(HistogramBase h)
    {
        if (h.TotalCount == 0) return "no samples";
        double Ms(long micros) => micros / 1000.0;
        return string.Create(CultureInfo.InvariantCulture,
            $"n={h.TotalCount} p50={Ms(h.GetValueAtPercentile(50)):0.0} p95={Ms(h.GetValueAtPercentile(95)):0.0} p99={Ms(h.GetValueAtPercentile(99)):0.0} max={Ms(h.GetMaxValue()):0.0} ms");
    }
}
