using Microsoft.Data.Sqlite;
using Npgsql;
using ShowroomActors.Actors.Configuration;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.TestSupport;

namespace ShowroomActors.Actors.Tests.Persistence;

/// <summary>
/// The journal table is ours: created before the system starts with only the indexes the queries use, and a journal
/// the plugin created earlier loses its two unused indexes — on SQLite and on PostgreSQL.
/// </summary>
public abstract class JournalSchemaSpec
{
    protected abstract ShowroomSettings Settings { get; }
    protected abstract IReadOnlyList<string> Indexes();
    protected abstract void CreateAsThePluginDid();

    [SkippableFact]
    public void A_new_database_gets_the_journal_with_only_the_indexes_its_queries_use()
    {
        RequireDatabase();
        JournalStore.Prepare(Settings);
        JournalStore.Prepare(Settings); // once more, as every start does: nothing changes
        Assert.Equal(["journal_uq"], Indexes().Where(i => i.StartsWith("journal_", StringComparison.Ordinal)).Order());
    }

    [SkippableFact]
    public void A_journal_the_plugin_created_loses_the_two_indexes_no_query_uses_and_keeps_its_rows()
    {
        RequireDatabase();
        CreateAsThePluginDid();
        Assert.Contains("journal_created_idx", Indexes());
        JournalStore.Prepare(Settings);
        Assert.DoesNotContain("journal_created_idx", Indexes());
        Assert.DoesNotContain("journal_sequence_number_idx", Indexes());
        Assert.Contains("journal_uq", Indexes());
        using var connection = JournalStore.Open(Settings);
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM journal";
        Assert.Equal(1L, Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    protected virtual void RequireDatabase() { }

    protected void Execute(string sql)
    {
        using var connection = JournalStore.Open(Settings);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

public sealed class SqliteJournalSchemaSpec : JournalSchemaSpec, IDisposable
{
    protected override ShowroomSettings Settings { get; } = Support.ShowroomTestKit.TempSqlite();

    protected override IReadOnlyList<string> Indexes()
    {
        using var connection = new SqliteConnection(Settings.SqliteConnection);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'journal' AND name NOT LIKE 'sqlite_%'";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read()) names.Add(reader.GetString(0));
        return names;
    }

    protected override void CreateAsThePluginDid()
    {
        Directory.CreateDirectory(Settings.DataDir);
        Execute("""
            CREATE TABLE journal (ordering INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, created INTEGER NOT NULL, deleted Bit NOT NULL,
              persistence_id NVarChar(255) NOT NULL, sequence_number INTEGER NOT NULL, message VarBinary NOT NULL, tags NVarChar(100) NULL,
              manifest NVarChar(500) NULL, identifier INTEGER NULL, writer_uuid NVarChar(128) NULL);
            CREATE UNIQUE INDEX journal_uq ON journal (persistence_id, sequence_number);
            CREATE INDEX journal_created_idx ON journal (created);
            CREATE INDEX journal_sequence_number_idx ON journal (sequence_number);
            INSERT INTO journal (created, deleted, persistence_id, sequence_number, message) VALUES (1, 0, 'product-x', 1, X'7B7D');
            """);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(Settings.DataDir, recursive: true); } catch (IOException) { }
    }
}

public sealed class PostgresJournalSchemaSpec(PostgresDatabase database) : JournalSchemaSpec, IClassFixture<PostgresDatabase>
{
    protected override ShowroomSettings Settings => new() { PostgresConnection = database.ConnectionString, AkkaPort = 0 };

    protected override IReadOnlyList<string> Indexes()
    {
        using var connection = new NpgsqlConnection(database.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT indexname FROM pg_indexes WHERE tablename = 'journal' AND indexname LIKE 'journal_%'", connection);
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read()) names.Add(reader.GetString(0));
        return names;
    }

    protected override void RequireDatabase()
    {
        database.SkipIfUnavailable();
        Execute("DROP TABLE IF EXISTS journal"); // the database is the class's: each test starts without a journal
    }

    protected override void CreateAsThePluginDid() => Execute("""
        CREATE TABLE journal (ordering bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT "PK_journal" PRIMARY KEY, created bigint NOT NULL,
          deleted boolean NOT NULL, persistence_id text NOT NULL, sequence_number bigint NOT NULL, message bytea NOT NULL, tags text,
          manifest text, identifier integer, writer_uuid text, CONSTRAINT journal_uq UNIQUE (persistence_id, sequence_number));
        CREATE INDEX journal_created_idx ON journal (created);
        CREATE INDEX journal_sequence_number_idx ON journal (sequence_number);
        INSERT INTO journal (created, deleted, persistence_id, sequence_number, message) VALUES (1, false, 'product-x', 1, '\x7b7d');
        """);
}
