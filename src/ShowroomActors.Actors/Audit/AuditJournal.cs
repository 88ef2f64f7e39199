using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Npgsql;
using ShowroomActors.Actors.Configuration;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Actors.Serialization;

namespace ShowroomActors.Actors.Audit;

/// <summary>
/// Read-only access to the journal tables (SQLite or PostgreSQL) for auditors: streams rows in order without
/// loading them whole, so it works on huge journals and with the server stopped (the audit CLI).
/// Only domain streams (<c>{type}-{id}</c>) are audited: Akka's own bookkeeping in the same table (sharding's
/// remembered entities, persistence ids starting with '/') is not part of the record and is skipped.
/// </summary>
public sealed class AuditJournal(ShowroomSettings settings)
{
    /// <summary>Rows fetched per round trip when paging through the journal.</summary>
    public const int PageSize = 2000;

    public ShowroomSettings Settings => settings;

    /// <summary>SQL condition selecting domain streams, leaving out Akka's internal ones ('/sharding/…', '/system/…').</summary>
    private const string DomainOnly = "persistence_id NOT LIKE '/%'";

    /// <summary>A connection that cannot write: SQLite Mode=ReadOnly, PostgreSQL default_transaction_read_only.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancel)
    {
        DbConnection connection;
        if (settings.UsesPostgres)
        {
            var builder = new NpgsqlConnectionStringBuilder(settings.PostgresConnection) { Options = "-c default_transaction_read_only=on" };
            connection = new NpgsqlConnection(builder.ConnectionString);
        }
        else
        {
            if (!File.Exists(settings.SqliteFile)) throw new FileNotFoundException($"No journal at {settings.SqliteFile}.", settings.SqliteFile);
            var builder = new SqliteConnectionStringBuilder(settings.SqliteConnection) { Mode = SqliteOpenMode.ReadOnly };
            connection = new SqliteConnection(builder.ConnectionString);
        }
        await connection.OpenAsync(cancel);
        return connection;
    }

    /// <summary>Distinct persistence ids, optionally only those of one entity type (<c>product</c> → <c>product-…</c>).</summary>
    public async IAsyncEnumerable<string> PersistenceIdsAsync(string? entityType, [EnumeratorCancellation] CancellationToken cancel)
    {
        await using var connection = await OpenAsync(cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = entityType is null
            ? $"SELECT DISTINCT persistence_id FROM journal WHERE {DomainOnly} ORDER BY persistence_id"
            : "SELECT DISTINCT persistence_id FROM journal WHERE persistence_id LIKE @prefix ORDER BY persistence_id";
        if (entityType is not null) Add(command, "@prefix", entityType + "-%");
        await using var reader = await command.ExecuteReaderAsync(cancel);
        while (await reader.ReadAsync(cancel)) yield return reader.GetString(0);
    }

    /// <summary>True when the stream has at least one event.</summary>
    public async Task<bool> ExistsAsync(string persistenceId, CancellationToken cancel)
    {
        await using var connection = await OpenAsync(cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM journal WHERE persistence_id = @pid LIMIT 1";
        Add(command, "@pid", persistenceId);
        return await command.ExecuteScalarAsync(cancel) is not null;
    }

    /// <summary>The hash of the stream's event at <paramref name="sequenceNr"/> (the genesis hash for 0), or null when there is none.</summary>
    public async Task<string?> HashAtAsync(string persistenceId, long sequenceNr, CancellationToken cancel)
    {
        if (sequenceNr <= 0) return Domain.Audit.HashChain.Genesis;
        await using var connection = await OpenAsync(cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT message FROM journal WHERE persistence_id = @pid AND sequence_number = @seq";
        Add(command, "@pid", persistenceId);
        Add(command, "@seq", sequenceNr);
        return await command.ExecuteScalarAsync(cancel) is byte[] message ? ChainedEventJson.HashOf(message) : null;
    }

    /// <summary>The row at journal ordering <paramref name="ordering"/>, or null when there is none.</summary>
    public async Task<JournalRow?> RowAtOrderingAsync(long ordering, CancellationToken cancel)
    {
        await using var connection = await OpenAsync(cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ordering, persistence_id, sequence_number, manifest, message, deleted FROM journal WHERE ordering = @ordering";
        Add(command, "@ordering", ordering);
        await using var reader = await command.ExecuteReaderAsync(cancel);
        return await reader.ReadAsync(cancel) ? Read(reader) : null;
    }

    /// <summary>The stream's rows with fromSeq ≤ sequence number ≤ toSeq, in sequence order, a page at a time.</summary>
    public async IAsyncEnumerable<JournalRow> StreamAsync(string persistenceId, long fromSeq = 1, long toSeq = long.MaxValue,
        [EnumeratorCancellation] CancellationToken cancel = default)
    {
        await using var connection = await OpenAsync(cancel);
        var next = fromSeq;
        while (next <= toSeq)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT ordering, persistence_id, sequence_number, manifest, message, deleted FROM journal
                WHERE persistence_id = @pid AND sequence_number >= @from AND sequence_number <= @to
                ORDER BY sequence_number LIMIT {PageSize}
                """;
            Add(command, "@pid", persistenceId);
            Add(command, "@from", next);
            Add(command, "@to", toSeq);
            var count = 0;
            await using (var reader = await command.ExecuteReaderAsync(cancel))
            {
                while (await reader.ReadAsync(cancel))
                {
                    var row = Read(reader);
                    count++;
                    next = row.SequenceNr + 1;
                    yield return row;
                }
            }
            if (count < PageSize) yield break;
        }
    }

    /// <summary>
    /// The global log in journal order after <paramref name="afterOrdering"/>, optionally only events with
    /// <paramref name="tag"/>, a page at a time.
    /// </summary>
    public async IAsyncEnumerable<JournalRow> AllAsync(long afterOrdering, string? tag, [EnumeratorCancellation] CancellationToken cancel = default)
    {
        // No event carries a tag with the separator in it (the journal could not store it).
        if (tag is not null && tag.Contains(JournalTags.Separator, StringComparison.Ordinal)) yield break;
        await using var connection = await OpenAsync(cancel);
        // Journals from before the tags column (not yet opened by a host of this version) keep tags in the tag table.
        var tagColumn = tag is not null && await JournalTags.HasColumnAsync(connection, cancel);
        var after = afterOrdering;
        while (true)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = (tag, tagColumn) switch
            {
                (null, _) => $"""
                   SELECT ordering, persistence_id, sequence_number, manifest, message, deleted FROM journal
                   WHERE ordering > @after AND {DomainOnly} ORDER BY ordering LIMIT {PageSize}
                   """,
                (_, true) => $"""
                   SELECT ordering, persistence_id, sequence_number, manifest, message, deleted FROM journal
                   WHERE ordering > @after AND tags LIKE @tag ESCAPE '\' AND {DomainOnly} ORDER BY ordering LIMIT {PageSize}
                   """,
                (_, false) => $"""
                   SELECT j.ordering, j.persistence_id, j.sequence_number, j.manifest, j.message, j.deleted FROM tags t
                   JOIN journal j ON j.ordering = t.ordering_id
                   WHERE t.tag = @tag AND t.ordering_id > @after ORDER BY t.ordering_id LIMIT {PageSize}
                   """,
            };
            Add(command, "@after", after);
            if (tag is not null) Add(command, "@tag", tagColumn ? JournalTags.LikePattern(tag) : tag);
            var count = 0;
            await using (var reader = await command.ExecuteReaderAsync(cancel))
            {
                while (await reader.ReadAsync(cancel))
                {
                    var row = Read(reader);
                    count++;
                    after = row.Ordering;
                    yield return row;
                }
            }
            if (count < PageSize) yield break;
        }
    }

    /// <summary>
    /// Every row ordered by stream, then sequence number: one pass verifies every chain with constant memory.
    /// Pages by the (persistence_id, sequence_number) key, which the journal's unique index serves.
    /// </summary>
    public async IAsyncEnumerable<JournalRow> AllByStreamAsync([EnumeratorCancellation] CancellationToken cancel = default)
    {
        await using var connection = await OpenAsync(cancel);
        string? lastId = null;
        long lastSeq = 0;
        while (true)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = lastId is null
                ? $"""
                   SELECT ordering, persistence_id, sequence_number, manifest, message, deleted FROM journal
                   WHERE {DomainOnly} ORDER BY persistence_id, sequence_number LIMIT {PageSize}
                   """
                : $"""
                   SELECT ordering, persistence_id, sequence_number, manifest, message, deleted FROM journal
                   WHERE (persistence_id, sequence_number) > (@pid, @seq) AND {DomainOnly}
                   ORDER BY persistence_id, sequence_number LIMIT {PageSize}
                   """;
            if (lastId is not null)
            {
                Add(command, "@pid", lastId);
                Add(command, "@seq", lastSeq);
            }
            var count = 0;
            await using (var reader = await command.ExecuteReaderAsync(cancel))
            {
                while (await reader.ReadAsync(cancel))
                {
                    var row = Read(reader);
                    count++;
                    (lastId, lastSeq) = (row.PersistenceId, row.SequenceNr);
                    yield return row;
                }
            }
            if (count < PageSize) yield break;
        }
    }

    /// <summary>Number of rows in the journal (for progress reports).</summary>
    public async Task<long> CountAsync(CancellationToken cancel)
    {
        await using var connection = await OpenAsync(cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM journal WHERE {DomainOnly}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancel), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static JournalRow Read(DbDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.IsDBNull(3) ? "" : reader.GetString(3), (byte[])reader[4],
        !reader.IsDBNull(5) && Convert.ToBoolean(reader.GetValue(5), System.Globalization.CultureInfo.InvariantCulture));

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
