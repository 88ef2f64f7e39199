using System.Diagnostics;
using HdrHistogram;

namespace ShowroomActors.OrderBench;

/// <summary>What one run measured: latencies of the measured part (from each request's scheduled time) and answers by status.</summary>
public sealed record RunResult(LongHistogram Latencies, IReadOnlyDictionary<int, int> Statuses, TimeSpan Measured, int Sent, int CreatedInAll, TimeSpan WorstSendLag);

/// <summary>
/// Sends requests at a fixed rate whatever the answers (open loop). Request n is due at start + n / rate; its latency
/// runs from that due time to its answer, so time a request spent waiting to be sent (because the client or the host
/// stalled) is counted too.
/// </summary>
public static class OpenLoop
{
    public static async Task<RunResult> RunAsync(double rate, TimeSpan warmUp, TimeSpan duration, Func<long, Task<int>> send, CancellationToken cancel)
    {
        var histogram = new LongHistogram(TimeStamp.Minutes(2), 3);
        var statuses = new Dictionary<int, int>();
        var warmUpCount = (long)(warmUp.TotalSeconds * rate);
        var total = warmUpCount + (long)(duration.TotalSeconds * rate);
        var pending = new List<Task>((int)Math.Min(total, 1_000_000));
        var start = Stopwatch.GetTimestamp();
        long worstLag = 0;
        var createdInAll = 0;

        for (var n = 0L; n < total && !cancel.IsCancellationRequested; n++)
        {
            var due = start + (long)(n / rate * Stopwatch.Frequency);
            var wait = due - Stopwatch.GetTimestamp();
            if (wait > Stopwatch.Frequency / 1000) await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), cancel);
            while (Stopwatch.GetTimestamp() < due) Thread.SpinWait(50);
            worstLag = Math.Max(worstLag, Stopwatch.GetTimestamp() - due);
            pending.Add(MeasureAsync(n, due, measured: n >= warmUpCount));
        }

        await Task.WhenAll(pending);
        return new RunResult(histogram, statuses, duration, pending.Count, createdInAll, TimeSpan.FromSeconds((double)worstLag / Stopwatch.Frequency));

        async Task MeasureAsync(long n, long due, bool measured)
        {
            await Task.Yield(); // the send runs off the scheduling loop
            var status = await send(n);
            var elapsed = Stopwatch.GetTimestamp() - due;
            if (status == 201) Interlocked.Increment(ref createdInAll);
            if (!measured) return;
            lock (histogram)
            {
                histogram.RecordValue(Math.Max(elapsed, 0));
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
            }
        }
    }
}
