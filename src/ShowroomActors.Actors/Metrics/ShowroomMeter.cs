using System.Diagnostics.Metrics;

namespace ShowroomActors.Actors.Metrics;

/// <summary>
/// The one <see cref="Meter"/> of the showroom's own instruments (each area defines its instruments in a small
/// <c>XMetrics</c> file next to the code that records them). The host exports every instrument of this meter on
/// <c>/metrics</c>; a process without a listener (tests, tools) records into nothing at almost no cost.
/// </summary>
public static class ShowroomMeter
{
    public const string Name = "ShowroomActors";

    public static readonly Meter Meter = new(Name);

    /// <summary>
    /// Buckets (seconds) for latencies from a millisecond to ten seconds; the SDK's default buckets are meant for
    /// milliseconds and would put every reading of ours into the first one.
    /// </summary>
    public static readonly IReadOnlyList<double> SecondsBuckets =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    public static Histogram<double> SecondsHistogram(string name, string description) =>
        Meter.CreateHistogram(name, "s", description, tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
}
