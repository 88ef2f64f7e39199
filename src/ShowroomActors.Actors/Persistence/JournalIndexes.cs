using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Npgsql;
using ShowroomActors.Actors.Configuration;

namespace ShowroomActors.Actors.Persistence;

/// <summary>
/// Indexes the showroom adds to Akka.Persistence.Sql's own tables.
/// <para>
/// The plugin's events-by-tag query filters the tag table on <c>tag = @tag AND ordering_id &gt; @offset</c>, but the
/// plugin only indexes <c>tags (tag)</c>. Every poll of a projection (order sweeper, quota report, catalog and
/// conversion indexes, every 200 ms) therefore walked all of that tag's rows since the beginning of the journal:
/// 31 ms per poll of the order tag at 95k events, growing with the journal, and most of the host's CPU under order
/// load. With <c>tags (tag, ordering_id)</c> the same poll is a range seek (0.2 ms), whatever the journal's length.
/// </para>
/// </summary>
public static class JournalIndexes
{
    /// <summary>Valid in SQLite and PostgreSQL; the plugin's default table name <c>tags</c> is the one configured in hocon/.</summary>
    public const string TagOrdering = "CREATE INDEX IF NOT EXISTS tags_tag_ordering_idx ON tags (tag, ordering_id)";

    private const string ProbePersistenceId = "showroom-journal-schema-probe";

    /// <summary>
    /// Waits until the journal has created its tables (a replay request is answered only after the plugin's
    /// auto-initialize), then adds the missing indexes. On a journal with millions of rows the first start after an
    /// upgrade spends a few seconds building the index. Failure is logged and start-up goes on: the index only
    /// speeds reads up, and the next start tries again.
    /// </summary>
    public static async Task EnsureAsync(ActorSystem system, ShowroomSettings settings, TimeSpan timeout)
    {
        var log = Logging.GetLogger(system, typeof(JournalIndexes));
        try
        {
            using var cancel = new CancellationTokenSource(timeout);
            var journal = Akka.Persistence.Persistence.Instance.Apply(system).JournalFor(null);
            await journal.Ask<object>(replyTo => new ReplayMessages(0, 0, 0, ProbePersistenceId, replyTo), timeout, cancel.Token);
            await using var connection = await JournalStore.OpenAsync(settings, cancel.Token);
            await SqlCommands.Execute(connection, null, TagOrdering, cancel.Token);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
        {
            // Another node created the index at the same moment: it exists.
        }
        catch (Exception e)
        {
            // Whatever went wrong (database down, system shutting down), it must not fault start-up.
            log.Warning(e, "Could not add the index {Index} to the journal; events-by-tag reads stay slower until the next start", "tags_tag_ordering_idx");
        }
    }
}
