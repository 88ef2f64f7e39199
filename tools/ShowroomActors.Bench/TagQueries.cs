using System.Diagnostics;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;

namespace ShowroomActors.Bench;

/// <summary>Events-by-tag reads through Akka.Persistence.Sql's query plugin, as the projections make them.</summary>
public static class TagQueries
{
    /// <summary>Reads every event with <paramref name="tag"/> after journal ordering <paramref name="offset"/>; the time and the count.</summary>
    public static async Task<(TimeSpan Elapsed, long Events)> CatchUpAsync(ActorSystem system, string tag, long offset)
    {
        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>("akka.persistence.query.journal.sql");
        var watch = Stopwatch.StartNew();
        var events = await journal.CurrentEventsByTag(tag, Offset.Sequence(offset))
            .RunAggregate(0L, (count, _) => count + 1, system.Materializer());
        return (watch.Elapsed, events);
    }
}
