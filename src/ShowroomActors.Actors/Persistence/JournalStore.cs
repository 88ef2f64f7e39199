using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using ShowroomActors.Actors.Configuration;

namespace ShowroomActors.Actors.Persistence;

/// <summary>Direct access to the journal's database, for preparing it before start and for health checks.</summary>
public static class JournalStore
{
    /// <summary>
    /// The page size of a new SQLite file: 16 KB instead of SQLite's 4 KB. Journal rows are 300-1000 bytes, and a page
    /// holds only whole rows, so a 4 KB page left ~13 % of the journal's pages empty; at 16 KB ~3 %. Measured: ~10 %
    /// fewer bytes per event, and no slower to write (docs/PERFORMANCE.md, "Storage per reading").
    /// </summary>
    public const int SqlitePageSize = 16384;

    /// <summary>
    /// Readies the journal's database before the ActorSystem opens it. For SQLite: creates the data folder and puts the
    /// file in WAL mode (WAL lets readers run beside the single writer and is persistent in the file). For both: creates
    /// the journal table (<see cref="JournalSchema"/>; the plugin does not) and gives a journal from an earlier version
    /// its tags column (<see cref="JournalTags.UpgradeAsync"/>). Returns what an operator should read in the log.
    /// </summary>
    public static JournalPreparation Prepare(ShowroomSettings settings)
    {
        if (settings.UsesPostgres)
        {
            try
            {
                using var postgres = Open(settings);
                JournalSchema.EnsureAsync(postgres, CancellationToken.None).GetAwaiter().GetResult();
                return new JournalPreparation(JournalTags.UpgradeAsync(postgres, CancellationToken.None).GetAwaiter().GetResult(), null);
            }
            catch (NpgsqlException e)
            {
                // The node still starts (the journal's circuit breaker answers 503 until the database is back); an
                // old journal that missed its upgrade fails its writes loudly until the next start.
                return new JournalPreparation(0, $"could not check the journal's table on PostgreSQL: {e.Message}");
            }
        }

        Directory.CreateDirectory(settings.DataDir);
        using var connection = new SqliteConnection(settings.SqliteConnection);
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            // Takes effect only on a new, empty file (before WAL is switched on): an existing file keeps its page size.
            command.CommandText = $"PRAGMA page_size={SqlitePageSize};";
            command.ExecuteNonQuery();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            var mode = command.ExecuteScalar() as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"Could not switch {settings.SqliteFile} to WAL mode (got '{mode}').");
        }
        // Microsoft.Data.Sqlite runs its async methods synchronously: no thread is blocked on another.
        JournalSchema.EnsureAsync(connection, CancellationToken.None).GetAwaiter().GetResult();
        return new JournalPreparation(JournalTags.UpgradeAsync(connection, CancellationToken.None).GetAwaiter().GetResult(), null);
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

/// <summary>What <see cref="JournalStore.Prepare"/> did: events whose tags it copied into the journal's tags column, or why it could not look.</summary>
public sealed record JournalPreparation(long TagsCopied, string? Warning);
