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
}
