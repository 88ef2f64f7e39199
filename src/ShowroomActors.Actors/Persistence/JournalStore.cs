using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using ShowroomActors.Actors.Configuration;

namespace ShowroomActors.Actors.Persistence;

/// <summary>Direct access to the journal's database, for preparing it before start and for health checks.</summary>
public static class JournalStore
{
    /// <summary>
    /// For SQLite: create the data folder and put the file in WAL mode before the ActorSystem opens it
    /// (WAL lets readers run beside the single writer and is persistent in the file).
    /// </summary>
    public static void Prepare(ShowroomSettings settings)
    {
        if (settings.UsesPostgres) return;
        Directory.CreateDirectory(settings.DataDir);
        using var connection = new SqliteConnection(settings.SqliteConnection);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        var mode = command.ExecuteScalar() as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Could not switch {settings.SqliteFile} to WAL mode (got '{mode}').");
    }

    /// <summary>Opens a connection to the journal's database (SQLite or PostgreSQL).</summary>
    public static DbConnection Open(ShowroomSettings settings)
    {
        DbConnection connection = settings.UsesPostgres
            ? new NpgsqlConnection(settings.PostgresConnection)
            : new SqliteConnection(settings.SqliteConnection);
        connection.Open();
        return connection;
    }

    /// <summary>Opens a connection to the journal's database (SQLite or PostgreSQL) without blocking a thread.</summary>
    public static async Task<DbConnection> OpenAsync(ShowroomSettings settings, CancellationToken cancel)
    {
        DbConnection connection = settings.UsesPostgres
            ? new NpgsqlConnection(settings.PostgresConnection)
            : new SqliteConnection(settings.SqliteConnection);
        try
        {
            await connection.OpenAsync(cancel);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>True when the database answers a trivial query within <paramref name="timeout"/>.</summary>
    public static async Task<bool> IsReachableAsync(ShowroomSettings settings, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await using DbConnection connection = settings.UsesPostgres
                ? new NpgsqlConnection(settings.PostgresConnection)
                : new SqliteConnection(settings.SqliteConnection);
            await connection.OpenAsync(cts.Token);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cts.Token);
            return true;
        }
        catch (Exception e) when (e is DbException or OperationCanceledException or InvalidOperationException)
        {
            return false;
        }
    }
}
