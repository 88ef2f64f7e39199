using Akka.Configuration;
using Npgsql;
using ShowroomActors.Actors;
using ShowroomActors.Actors.Hosting;
using ShowroomActors.Actors.Configuration;

namespace ShowroomActors.Bench;

/// <summary>Where events go in one measurement: (b) Akka's in-memory journal, or (c) our configuration on SQLite or PostgreSQL.</summary>
public sealed record Backend(string Name, ShowroomSettings Settings, bool InMemory)
{
    private const string InMemoryHocon = """
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """;

    private const string Quiet = """
        akka.loglevel = WARNING
        akka.loggers = ["Akka.Event.DefaultLogger"]
        showroom.ask-timeout = 30s
        """;

    public static Backend Memory(string workDir) =>
        new("in-memory", new ShowroomSettings { DataDir = Path.Combine(workDir, "memory"), AkkaPort = 0 }, InMemory: true);

    public static Backend Sqlite(string workDir) =>
        new("sqlite", new ShowroomSettings { DataDir = Path.Combine(workDir, "sqlite-" + Guid.NewGuid().ToString("N")[..8]), AkkaPort = 0 }, InMemory: false);

    /// <summary>A fresh database on the given server, dropped by <see cref="DropAsync"/>.</summary>
    public static async Task<Backend> PostgresAsync(string server, string workDir)
    {
        var name = "showroom_bench_" + Guid.NewGuid().ToString("N")[..8];
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 50 }.ConnectionString;
        return new Backend("postgres", new ShowroomSettings { DataDir = workDir, PostgresConnection = connection, AkkaPort = 0 }, InMemory: false);
    }

    public async Task DropAsync(string server)
    {
        if (!Settings.UsesPostgres) return;
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(Settings.PostgresConnection).Database} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    public async Task<ShowroomSystem> StartAsync(TimeProvider? clock = null) =>
        (await ShowroomNode.StartAsync(Settings, clock ?? TimeProvider.System,
            ConfigurationFactory.ParseString(InMemory ? InMemoryHocon + "\n" + Quiet : Quiet))).Showroom;
}
