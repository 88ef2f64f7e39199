using System.Globalization;
using HdrHistogram;
using ShowroomActors.Client;

namespace ShowroomActors.LoadGen;

/// <summary>
/// Counters and latency histograms of one kind of traffic. Latency runs from the scheduled send time to the end of
/// the answer (for probes: to the arrival of the SSE frame), so a slow host that makes the schedule fall behind shows
/// up in the figures instead of silently lowering the load (no coordinated omission). Only answers that succeeded are
/// timed; failures are counted by status code or kind.
/// <para>
/// Two histograms: one for the progress line (taken and reset every second) and one for the measured window
/// (requests scheduled after the warm-up). Both are HdrHistogram recorders, safe to write from many threads.
/// </para>
/// </summary>
public sealed class KindStats(TrafficKind kind, double targetRate, long measureFrom, long measureUntil)
{
    public const string Transport = "transport";
    public const string Timeout = "timeout";
    public const string NoFrame = "no-frame";
    public const string BadAnswer = "bad-answer";

    private readonly Recorder _interval = Latencies.NewRecorder();
    private readonly Recorder _measured = Latencies.NewRecorder();
    private readonly Dictionary<string, long> _errors = new(StringComparer.Ordinal);
    private HistogramBase? _recycle;
    private long _sent;
    private long _ok;
    private long _failed;
    private long _measuredSent;
    private long _measuredOk;
    private long _skipped;
    private long _inFlight;

    public TrafficKind Kind => kind;
    public double TargetRate => targetRate;
    public long Sent => Interlocked.Read(ref _sent);
    public long Ok => Interlocked.Read(ref _ok);
    public long Failed => Interlocked.Read(ref _failed);
    public long MeasuredSent => Interlocked.Read(ref _measuredSent);
    public long MeasuredOk => Interlocked.Read(ref _measuredOk);
    /// <summary>Sends that could not start (probes: no idle probe slot at the scheduled time).</summary>
    public long Skipped => Interlocked.Read(ref _skipped);
    public long InFlight => Interlocked.Read(ref _inFlight);

    public bool IsMeasured(long scheduled) => scheduled >= measureFrom && scheduled < measureUntil;

    public void Started(long scheduled)
    {
        Interlocked.Increment(ref _sent);
        Interlocked.Increment(ref _inFlight);
        if (IsMeasured(scheduled)) Interlocked.Increment(ref _measuredSent);
    }

    public void Skip(long scheduled)
    {
        if (IsMeasured(scheduled)) Interlocked.Increment(ref _skipped);
    }

    public void Succeeded(long scheduled, long done)
    {
        var micros = Latencies.MicrosBetween(scheduled, done);
        _interval.RecordValue(micros);
        if (IsMeasured(scheduled))
        {
            _measured.RecordValue(micros);
            Interlocked.Increment(ref _measuredOk);
        }
        Interlocked.Increment(ref _ok);
        Interlocked.Decrement(ref _inFlight);
    }

    public void Failure(long scheduled, string what)
    {
        if (IsMeasured(scheduled))
            lock (_errors) _errors[what] = _errors.GetValueOrDefault(what) + 1;
        Interlocked.Increment(ref _failed);
        Interlocked.Decrement(ref _inFlight);
    }

    public void Failure(long scheduled, int status) => Failure(scheduled, StatusText(status));

    public static string StatusText(int status) => status.ToString(CultureInfo.InvariantCulture);

    /// <summary>Errors of the measured window by status code or kind.</summary>
    public IReadOnlyDictionary<string, long> Errors()
    {
        lock (_errors) return new SortedDictionary<string, long>(_errors, StringComparer.Ordinal);
    }

    /// <summary>p99 of the answers since the previous call, in ms (null if none); for the progress line only.</summary>
    public double? TakeIntervalP99()
    {
        var histogram = _interval.GetIntervalHistogram(_recycle);
        _recycle = histogram;
        return histogram.TotalCount == 0 ? null : histogram.GetValueAtPercentile(99) / 1000.0;
    }

    /// <summary>The measured window's histogram; call once, at the end.</summary>
    public HistogramBase TakeMeasured() => _measured.GetIntervalHistogram();
}
