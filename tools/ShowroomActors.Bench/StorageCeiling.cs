using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ShowroomActors.Bench;

/// <summary>
/// (a) The storage ceiling: plain 100-row transactions into a table shaped like the journal (same columns,
/// same unique index, a payload of the size our events have), with no actor, plugin or serializer in the way.
/// Every other write figure is compared with this one.
/// </summary>
public static class StorageCeiling
{
    public const int RowsPerTransaction = 100;
    private static readonly byte[] Payload = new byte[260];

    private const string SqliteTable = """
        CREATE TABLE ceiling (ordering INTEGER PRIMARY KEY AUTOINCREMENT, created INTEGER NOT NULL, deleted INTEGER NOT NULL,
          persistence_id TEXT NOT NULL, sequence_number INTEGER NOT NULL, message BLOB NOT NULL, manifest TEXT, identifier INTEGER, writer_uuid TEXT);
        CREATE UNIQUE INDEX ceiling_uq ON ceiling (persistence_id, sequence_number);
        """;

    private const string PostgresTable = """
        DROP TABLE IF EXISTS bench_ceiling;
        CREATE TABLE bench_ceiling (ordering BIGSERIAL PRIMARY KEY, created BIGINT NOT NULL, deleted BOOLEAN NOT NULL,
          persistence_id VARCHAR(255) NOT NULL, sequence_number BIGINT NOT NULL, message BYTEA NOT NULL, manifest VARCHAR(500), identifier INT, writer_uuid VARCHAR(128));
        CREATE UNIQUE INDEX bench_ceiling_uq ON bench_ceiling (persistence_id, sequence_number);
        """;

    /// <summary>Rows per second into a fresh SQLite file in WAL mode with synchronous=NORMAL (as the journal runs).</summary>
    public static async Task<double> SqliteAsync(string directory, TimeSpan duration)
    {
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "ceiling.db");
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await ExecuteAsync(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        await ExecuteAsync(connection, SqliteTable);
        return await InsertAsync(connection, "ceiling", "@", duration);
    }

    /// <summary>Rows per second into PostgreSQL.</summary>
    public static async Task<double> PostgresAsync(string connectionString, TimeSpan duration)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, PostgresTable);
        var rate = await InsertAsync(connection, "bench_ceiling", "@", duration);
        await ExecuteAsync(connection, "DROP TABLE bench_ceiling");
        return rate;
    }

    private static async Task<double> InsertAsync(DbConnection connection, string table, string p, TimeSpan duration)
    {
        var watch = Stopwatch.StartNew();
        long rows = 0;
        var entity = 0;
        var deleted = table == "ceiling" ? "0" : "false";
        var sql = $"INSERT INTO {table} (created, deleted, persistence_id, sequence_number, message, manifest, identifier, writer_uuid) " +
                  $"VALUES ({p}created, {deleted}, {p}pid, {p}seq, {p}message, 'bench.row.v1', 4170, 'bench')";
        while (watch.Elapsed < duration)
        {
            entity++;
            await using var transaction = await connection.BeginTransactionAsync();
            if (connection.CanCreateBatch)
            {
                // PostgreSQL: the 100 inserts travel in one round trip, as a batching writer would send them.
                await using var batch = connection.CreateBatch();
                batch.Transaction = transaction;
                for (var i = 1; i <= RowsPerTransaction; i++)
                {
                    var command = batch.CreateBatchCommand();
                    command.CommandText = sql;
                    SqlParameters.Add(command, p + "created", DateTime.UtcNow.Ticks);
                    SqlParameters.Add(command, p + "pid", $"bench-{entity}");
                    SqlParameters.Add(command, p + "seq", (long)i);
                    SqlParameters.Add(command, p + "message", Payload);
                    batch.BatchCommands.Add(command);
                }
                await batch.ExecuteNonQueryAsync();
            }
            else
            {
                // SQLite is in-process: a prepared statement executed per row is already the fastest path.
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = sql;
                var created = SqlParameters.Add(command, p + "created", 0L);
                var pid = SqlParameters.Add(command, p + "pid", "");
                var seq = SqlParameters.Add(command, p + "seq", 0L);
                SqlParameters.Add(command, p + "message", Payload);
                await command.PrepareAsync();
                for (var i = 1; i <= RowsPerTransaction; i++)
                {
                    created.Value = DateTime.UtcNow.Ticks;
                    pid.Value = $"bench-{entity}";
                    seq.Value = (long)i;
                    await command.ExecuteNonQueryAsync();
                }
            }
            await transaction.CommitAsync();
            rows += RowsPerTransaction;
        }
        return rows / watch.Elapsed.TotalSeconds;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
