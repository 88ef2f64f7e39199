using System.Data.Common;
using System.Globalization;
using ShowroomActors.Actors.Configuration;

namespace ShowroomActors.Actors.Persistence;

/// <summary>
/// The <c>projection_offsets</c> table that persisted read models (quota report, order work) share in the journal's
/// database: one row per projection with the journal ordering it has reached. Each projection updates its row in the
/// same transaction as its own rows, so a restart resumes exactly where the rows are.
/// </summary>
public static class ProjectionOffsets
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS projection_offsets (
            projection_id VARCHAR(64) NOT NULL PRIMARY KEY,
            ordinal BIGINT NOT NULL,
            events_total BIGINT NOT NULL,
            updated_at VARCHAR(40) NOT NULL);
        """;

    /// <summary>Parameters @id, @ordinal, @events (events in this batch), @at.</summary>
    public const string Save = """
        INSERT INTO projection_offsets (projection_id, ordinal, events_total, updated_at) VALUES (@id, @ordinal, @events, @at)
        ON CONFLICT (projection_id) DO UPDATE SET ordinal = excluded.ordinal,
            events_total = projection_offsets.events_total + excluded.events_total, updated_at = excluded.updated_at
        """;

    /// <summary>
    /// Runs a read model's <paramref name="schema"/> (its tables and this one; statements separated by ';', each
    /// <c>IF NOT EXISTS</c>). On PostgreSQL two such statements racing (another projection's start, a report read)
    /// can collide once, so a failure is retried twice.
    /// </summary>
    public static async Task CreateSchemaAsync(ShowroomSettings settings, string schema, CancellationToken cancel)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await JournalStore.OpenAsync(settings, cancel);
                foreach (var statement in schema.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    await SqlCommands.Execute(connection, null, statement, cancel);
                return;
            }
            catch (DbException) when (attempt < 3)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancel);
            }
        }
    }

    /// <summary>
    /// The offset a projection resumes after. Without a stored offset the projection's <paramref name="tables"/> are
    /// emptied in the same transaction, so it rebuilds them from the start of the journal (0).
    /// </summary>
    public static async Task<long> ResumeOrClearAsync(ShowroomSettings settings, string projectionId, IReadOnlyList<string> tables, CancellationToken cancel)
    {
        await using var connection = await JournalStore.OpenAsync(settings, cancel);
        await using var tx = await connection.BeginTransactionAsync(cancel);
        var stored = await SqlCommands.Scalar(connection, tx, "SELECT ordinal FROM projection_offsets WHERE projection_id = @id", cancel,
            SqlParam.Text("@id", projectionId));
        if (stored is not null && stored is not DBNull)
        {
            await tx.CommitAsync(cancel);
            return Convert.ToInt64(stored, CultureInfo.InvariantCulture);
        }

        foreach (var table in tables) await SqlCommands.Execute(connection, tx, $"DELETE FROM {table}", cancel);
        await tx.CommitAsync(cancel);
        return 0;
    }
}
