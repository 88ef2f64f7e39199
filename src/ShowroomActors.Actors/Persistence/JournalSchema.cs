using System.Data.Common;
using Npgsql;

namespace ShowroomActors.Actors.Persistence;

/// <summary>
/// The journal table, created by us before the system starts (the journal plugin runs with
/// <c>auto-initialize = off</c>; its snapshot store still creates its own table). It is the table Akka.Persistence.Sql
/// would create, column for column, with one difference: only the two indexes our queries use — the primary key on
/// <c>ordering</c> (events by tag, the global log) and the unique <c>(persistence_id, sequence_number)</c> (replay,
/// highest sequence number). The plugin also indexes <c>created</c> and <c>sequence_number</c> alone, which no query
/// of the plugin or ours filters on; they cost two more B-tree inserts per event (a third of SQLite's insert time on
/// this machine) and ~35 bytes of every row on disk. A journal created by the plugin earlier loses those two indexes
/// on the next start (a moment on SQLite; on PostgreSQL only when they exist, under the lock that takes).
/// </summary>
public static class JournalSchema
{
    private const string Sqlite = """
        CREATE TABLE IF NOT EXISTS journal (
            ordering        INTEGER        NOT NULL PRIMARY KEY AUTOINCREMENT,
            created         INTEGER        NOT NULL,
            deleted         Bit            NOT NULL,
            persistence_id  NVarChar(255)  NOT NULL,
            sequence_number INTEGER        NOT NULL,
            message         VarBinary      NOT NULL,
            tags            NVarChar(100)      NULL,
            manifest        NVarChar(500)      NULL,
            identifier      INTEGER            NULL,
            writer_uuid     NVarChar(128)      NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS journal_uq ON journal (persistence_id, sequence_number);
        DROP INDEX IF EXISTS journal_created_idx;
        DROP INDEX IF EXISTS journal_sequence_number_idx;
        """;

    private const string Postgres = """
        CREATE TABLE IF NOT EXISTS journal (
            ordering        bigint  GENERATED ALWAYS AS IDENTITY CONSTRAINT "PK_journal" PRIMARY KEY,
            created         bigint  NOT NULL,
            deleted         boolean NOT NULL,
            persistence_id  text    NOT NULL,
            sequence_number bigint  NOT NULL,
            message         bytea   NOT NULL,
            tags            text        NULL,
            manifest        text        NULL,
            identifier      integer     NULL,
            writer_uuid     text        NULL,
            CONSTRAINT journal_uq UNIQUE (persistence_id, sequence_number));
        """;

    private const string UnusedIndexes = "'journal_created_idx', 'journal_sequence_number_idx'";

    /// <summary>Creates the journal table if it is missing and drops the plugin's unused indexes if they are there.</summary>
    public static async Task EnsureAsync(DbConnection connection, CancellationToken cancel)
    {
        await using var tx = await connection.BeginTransactionAsync(cancel);
        if (connection is NpgsqlConnection)
        {
            // Nodes starting together: one at a time (CREATE TABLE IF NOT EXISTS can collide in PostgreSQL's catalog).
            await ExecuteAsync(connection, tx, "SELECT pg_advisory_xact_lock(hashtext('showroom.journal-schema'))", cancel);
            await ExecuteAsync(connection, tx, Postgres, cancel);
            await using var find = connection.CreateCommand();
            find.Transaction = tx;
            find.CommandText = $"SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'journal' AND indexname IN ({UnusedIndexes})";
            var unused = new List<string>();
            await using (var reader = await find.ExecuteReaderAsync(cancel))
                while (await reader.ReadAsync(cancel)) unused.Add(reader.GetString(0));
            foreach (var index in unused) await ExecuteAsync(connection, tx, $"DROP INDEX {index}", cancel);
        }
        else
        {
            await ExecuteAsync(connection, tx, Sqlite, cancel);
        }
        await tx.CommitAsync(cancel);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction tx, string sql, CancellationToken cancel)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancel);
    }
}
