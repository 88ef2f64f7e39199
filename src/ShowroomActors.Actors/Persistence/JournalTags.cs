using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace ShowroomActors.Actors.Persistence;

/// <summary>
/// Where the journal keeps event tags: in the journal row's own <c>tags</c> column, as <c>;tag1;tag2;</c>
/// (Akka.Persistence.Sql's <c>tag-write-mode = Csv</c>, set in hocon/).
/// <para>
/// Why not the plugin's separate tag table: with linq2db 6.5.1 its events-by-tag query fetches each returned event's
/// tags with a subquery that scans the <i>whole</i> tag table (<c>GROUP_CONCAT(CASE WHEN ordering_id = x THEN tag END)
/// FROM tags</c>), so every event a projection reads costs time proportional to the journal's size: at 55k events the
/// order sweeper and the conversion index kept one and a half cores busy under 200 orders/s. The tag table also makes
/// the plugin insert tagged events one row at a time to learn their ordering. With the column, a live projection's
/// poll reads only the rows after its offset (a range of the primary key, filtered with LIKE) and a batch of events is
/// one multi-row INSERT.
/// </para>
/// <para>
/// Journals written by earlier versions (tags only in the tag table) are upgraded before the system starts:
/// <see cref="UpgradeAsync"/> adds the column and copies each event's tags into it, in one transaction. The tag table is
/// left as it was.
/// </para>
/// </summary>
public static class JournalTags
{
    /// <summary>The plugin's default <c>tag-separator</c>.</summary>
    public const char Separator = ';';

    /// <summary>
    /// A LIKE pattern (with <c>ESCAPE '\'</c>) matching rows whose tag column holds <paramref name="tag"/> exactly.
    /// </summary>
    public static string LikePattern(string tag)
    {
        var escaped = tag.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal);
        return $"%{Separator}{escaped}{Separator}%";
    }

    /// <summary>True when the journal table has the <c>tags</c> column (false also when there is no journal yet).</summary>
    public static async Task<bool> HasColumnAsync(DbConnection connection, CancellationToken cancel, DbTransaction? tx = null) =>
        await CountAsync(connection, tx, connection is NpgsqlConnection
            ? "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'journal' AND column_name = 'tags'"
            : "SELECT COUNT(*) FROM pragma_table_info('journal') WHERE name = 'tags'", cancel) > 0;

    /// <summary>
    /// Gives a journal written with the tag table the <c>tags</c> column, filled from the tag table. Does nothing on a
    /// new database (the plugin creates the journal with the column) or one already upgraded. Returns the number of
    /// events whose tags were copied.
    /// </summary>
    public static async Task<long> UpgradeAsync(DbConnection connection, CancellationToken cancel)
    {
        var postgres = connection is NpgsqlConnection;
        await using var tx = await connection.BeginTransactionAsync(cancel);
        if (!await TableExistsAsync(connection, tx, "journal", cancel)) return 0;
        // The usual start: already upgraded, and no lock taken (an exclusive lock would queue every other node's
        // journal access behind the longest query running, an auditor's export for instance).
        if (await HasColumnAsync(connection, cancel, tx)) return 0;
        // Nodes upgrading together: the first takes the lock and upgrades, the others then find the column there.
        if (postgres)
        {
            await ExecuteAsync(connection, tx, "LOCK TABLE journal IN ACCESS EXCLUSIVE MODE", cancel);
            if (await HasColumnAsync(connection, cancel, tx)) return 0;
        }

        await ExecuteAsync(connection, tx, "ALTER TABLE journal ADD COLUMN tags VARCHAR(100) NULL", cancel);
        long copied = 0;
        if (await TableExistsAsync(connection, tx, "tags", cancel))
        {
            var aggregate = postgres ? "string_agg(t.tag, ';')" : "group_concat(t.tag, ';')";
            copied = await ExecuteAsync(connection, tx, $"""
                UPDATE journal SET tags = ';' || (SELECT {aggregate} FROM tags t WHERE t.ordering_id = journal.ordering) || ';'
                WHERE EXISTS (SELECT 1 FROM tags t WHERE t.ordering_id = journal.ordering)
                """, cancel);
        }
        await tx.CommitAsync(cancel);
        return copied;
    }

    private static async Task<bool> TableExistsAsync(DbConnection connection, DbTransaction tx, string table, CancellationToken cancel) =>
        await CountAsync(connection, tx, connection is NpgsqlConnection
            ? $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '{table}'"
            : $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'", cancel) > 0;

    private static async Task<long> CountAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken cancel)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancel), CultureInfo.InvariantCulture);
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction tx, string sql, CancellationToken cancel)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync(cancel);
    }
}
