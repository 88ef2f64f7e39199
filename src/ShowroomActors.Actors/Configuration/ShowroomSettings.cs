using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace ShowroomActors.Actors.Configuration;

/// <summary>
/// Where this node keeps its journal and how it joins its cluster: the per-installation values the actors need, read
/// from configuration (<see cref="From"/>: the <c>SHOWROOM_*</c> environment variables, through the host's
/// IConfiguration). Everything else is HOCON under hocon/. A bad value stops start-up with a message naming the
/// variable. What only the web host needs (keys, demo mode, public URL) is the host's.
/// </summary>
public sealed record ShowroomSettings
{
    public const int DefaultAkkaPort = 4053;

    /// <summary>Folder of showroom.db and other local state (SHOWROOM_DATA_DIR, default ./data).</summary>
    public string DataDir { get; init; } = Path.GetFullPath("data");
    /// <summary>Npgsql connection string (SHOWROOM_POSTGRES); when set, PostgreSQL replaces SQLite.</summary>
    public string? PostgresConnection { get; init; }
    public string AkkaHost { get; init; } = "127.0.0.1";
    /// <summary>Remoting port; 0 picks a free one (tests).</summary>
    public int AkkaPort { get; init; } = DefaultAkkaPort;
    /// <summary>Seed node addresses (SHOWROOM_SEEDS); empty: this node joins itself.</summary>
    public IReadOnlyList<string> Seeds { get; init; } = [];
    /// <summary>
    /// The audit signing key's PEM file (SHOWROOM_AUDIT_SIGNING_KEY); null: <see cref="DefaultAuditKeyFileName"/> in the
    /// data folder, generated on first start. It must not live in the database, and every node of a cluster needs the same one.
    /// </summary>
    public string? AuditKeyFile { get; init; }

    public const string DefaultAuditKeyFileName = "audit-signing-key.pem";

    /// <summary>The key file actually used.</summary>
    public string AuditKeyPath => AuditKeyFile ?? Path.Combine(DataDir, DefaultAuditKeyFileName);

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(PostgresConnection);
    public string SqliteFile => Path.Combine(DataDir, "showroom.db");
    public string SqliteConnection => $"Data Source={SqliteFile};Pooling=True";

    /// <summary>Reads SHOWROOM_DATA_DIR, SHOWROOM_POSTGRES, SHOWROOM_AKKA_HOST, SHOWROOM_AKKA_PORT, SHOWROOM_SEEDS and SHOWROOM_AUDIT_SIGNING_KEY.</summary>
    public static ShowroomSettings From(IConfiguration configuration)
    {
        var defaults = new ShowroomSettings();
        string? Value(string name) => ConfigurationValues.Read(configuration, name);

        return new ShowroomSettings
        {
            DataDir = Path.GetFullPath(Value("SHOWROOM_DATA_DIR") ?? "data"),
            PostgresConnection = Value("SHOWROOM_POSTGRES"),
            AkkaHost = Value("SHOWROOM_AKKA_HOST") ?? defaults.AkkaHost,
            AkkaPort = Value("SHOWROOM_AKKA_PORT") is { } port ? ParsePort(port) : DefaultAkkaPort,
            Seeds = Value("SHOWROOM_SEEDS") is { } seeds ? ParseSeeds(seeds) : [],
            AuditKeyFile = Value("SHOWROOM_AUDIT_SIGNING_KEY") is { } key ? Path.GetFullPath(key) : null,
        };
    }

    private static int ParsePort(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535
            ? port
            : throw new SettingsException($"SHOWROOM_AKKA_PORT must be a port number 0-65535, not '{text}'.");

    private static IReadOnlyList<string> ParseSeeds(string text)
    {
        var seeds = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var seed in seeds)
            if (!seed.StartsWith("akka.tcp://showroom@", StringComparison.Ordinal) || !Uri.TryCreate(seed, UriKind.Absolute, out var uri) || uri.Port <= 0)
                throw new SettingsException($"SHOWROOM_SEEDS entries must look like akka.tcp://showroom@host:port, not '{seed}'.");
        return seeds;
    }
}

/// <summary>Values of the configuration (environment variables included), trimmed; blank counts as unset.</summary>
public static class ConfigurationValues
{
    public static string? Read(IConfiguration configuration, string name) =>
        configuration[name] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>An on/off switch: on, true, 1, yes or off, false, 0, no; anything else is a configuration error naming <paramref name="name"/>.</summary>
    public static bool Switch(string text, string name) => text.ToLowerInvariant() switch
    {
        "on" or "true" or "1" or "yes" => true,
        "off" or "false" or "0" or "no" => false,
        _ => throw new SettingsException($"{name} must be 'on' or 'off', not '{text}'."),
    };
}

/// <summary>A configuration value that cannot work; the message names the variable.</summary>
public sealed class SettingsException(string message) : Exception(message);
