using System.Diagnostics;
using System.Diagnostics.Metrics;
using ShowroomActors.Actors.Metrics;

namespace ShowroomActors.Actors.Persistence;

/// <summary>
/// <c>showroom_journal_write_duration_seconds</c> (tag <c>entity</c>: slot, product, buyer, order, idempotency): from an
/// entity handing one atomic write (one command's events, e.g. a slot's share of a sensor batch) to the journal until
/// the journal confirmed it. It includes the wait for the plugin's write stream (writes of many entities go out together
/// as one transaction), so it is the latency an answer pays for "persisted", not the SQL statement alone.
/// </summary>
public static class JournalMetrics
{
    private static readonly Histogram<double> WriteDuration = ShowroomMeter.SecondsHistogram(
        "showroom.journal.write_duration", "Time from an entity's atomic write to the journal's confirmation.");

    public static void Written(string entityType, long startedTimestamp) =>
        WriteDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, new KeyValuePair<string, object?>("entity", entityType));
}
