using System.Data.Common;
using Akka.Configuration;
using Akka.Persistence.Sql.Config;
using LinqToDB;
using ShowroomActors.Actors.Configuration;

namespace ShowroomActors.Actors.Persistence;

/// <summary>
/// Per-connection SQLite settings, applied by linq2db to every connection the persistence plugins open:
/// <c>synchronous</c> (showroom.sqlite.synchronous; NORMAL in WAL mode commits without an fsync per transaction —
/// durable across process crashes, may lose the last commits on power loss; FULL fsyncs every commit) and a
/// busy timeout so readers and the single writer wait for each other instead of failing. Opening a connection
/// asynchronously also yields the thread (see <see cref="ExecuteAsync"/>), which is what lets the journal batch writes.
/// </summary>
public static class SqliteTuning
{
    public static DataOptionsSetup Setup(ShowroomSettings settings, Config config)
    {
        var synchronous = config.GetString("showroom.sqlite.synchronous", "normal").ToUpperInvariant();
        if (synchronous is not ("NORMAL" or "FULL" or "EXTRA"))
            throw new SettingsException($"showroom.sqlite.synchronous must be normal, full or extra, not '{synchronous}'.");
        var busyTimeoutMs = (int)config.GetTimeSpan("showroom.sqlite.busy-timeout", TimeSpan.FromSeconds(5)).TotalMilliseconds;
        var pragmas = $"PRAGMA synchronous={synchronous}; PRAGMA busy_timeout={busyTimeoutMs};";

        var options = new DataOptions()
            .UseConnectionString(ProviderName.SQLiteMS, settings.SqliteConnection)
            .UseAfterConnectionOpened(
                connection => Execute(connection, pragmas),
                (connection, cancel) => ExecuteAsync(connection, pragmas, cancel));
        return new DataOptionsSetup(options);
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancel)
    {
        // Microsoft.Data.Sqlite has no asynchronous I/O: its "async" calls finish before they return. The journal runs
        // each batch write inside its write stream, so without this yield the whole transaction ran on the stream's own
        // thread, the stream could not take in the writes that arrived meanwhile, and every write became a transaction
        // of its own (one row each, ~5k a second at most). Yielding here, when the write's connection opens, lets the
        // transaction run on the thread pool while the stream queues what arrives and writes it next as one batch.
        await Task.Yield();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancel);
    }
}
