using System.Diagnostics;

namespace ShowroomActors.LoadGen;

/// <summary>Open-loop timing: request n of a kind is due at start + n / rate, whatever happened to the ones before.</summary>
public static class Schedule
{
    /// <summary>
    /// Sleeps until <paramref name="due"/> (Stopwatch ticks), never waking before it: timers count whole
    /// milliseconds, so the wait is rounded up and checked again. Sends therefore leave up to a timer tick (about a
    /// millisecond) after their due time, and that delay is part of the latency, as a slow sender's would be. False
    /// if the run was stopped.
    /// </summary>
    public static async Task<bool> WaitUntilAsync(long due, CancellationToken stop)
    {
        long wait;
        while ((wait = due - Stopwatch.GetTimestamp()) > 0)
        {
            try
            {
                await Task.Delay((int)Math.Ceiling(wait * 1000.0 / Stopwatch.Frequency), stop);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
        return !stop.IsCancellationRequested;
    }

    public static long Ticks(TimeSpan time) => (long)(time.TotalSeconds * Stopwatch.Frequency);
}
