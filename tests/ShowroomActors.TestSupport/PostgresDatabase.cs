using Npgsql;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ShowroomActors.TestSupport;

/// <summary>
/// A fresh PostgreSQL database for one test class, dropped afterwards. The server comes from
/// SHOWROOM_TEST_POSTGRES (default: the local server tools/postgres-local.sh sets up). Without a server the
/// tests are skipped on a developer machine, but FAIL when CI=true: CI must run them for real. A skip says why in
/// `dotnet test`'s own output: xunit shows a skip's reason only at normal verbosity, so the fixture also sends it as a
/// diagnostic message (shown at every verbosity with <c>diagnosticMessages</c> in tests/xunit.runner.json).
/// </summary>
public sealed class PostgresDatabase : IDisposable
{
    public const string DefaultServer = "Host=127.0.0.1;Port=5432;Username=showroom;Password=showroom;Database=showroom";

    private readonly string? _adminConnection;

    public PostgresDatabase(IMessageSink diagnostics)
    {
        var server = Environment.GetEnvironmentVariable("SHOWROOM_TEST_POSTGRES") is { Length: > 0 } configured ? configured : DefaultServer;
        var name = "showroom_test_" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            using var admin = new NpgsqlConnection(server);
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            create.ExecuteNonQuery();
            _adminConnection = server;
            ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true }.ConnectionString;
            Name = name;
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            if (IsCi)
                throw new InvalidOperationException($"CI=true but PostgreSQL is not reachable at '{server}': {e.Message}", e);
            UnavailableReason = $"PostgreSQL not reachable ({e.Message}); run tools/postgres-local.sh";
            diagnostics.OnMessage(new DiagnosticMessage("PostgreSQL tests skipped: {0}", UnavailableReason));
        }
    }

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public string? ConnectionString { get; }
    public string? Name { get; }
    public string? UnavailableReason { get; }

    /// <summary>Skips the calling test when no server is reachable (never on CI, where the constructor threw).</summary>
    public void SkipIfUnavailable() => Skip.If(UnavailableReason is not null, UnavailableReason);

    public void Dispose()
    {
        if (_adminConnection is null || Name is null) return;
        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(_adminConnection);
        admin.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }
}
