using System.Globalization;

namespace ShowroomActors.Actors.Configuration;

/// <summary>
/// Settings that vary per installation, read from the environment (DESIGN.md section 6). Everything else
/// is HOCON under hocon/. Bad values fail start-up with a message naming the variable.
/// </summary>
public sealed record ShowroomSettings
{
    public const string DemoOperatorKey = "demo-operator-key";
    public const string DemoAuditorKey = "demo-auditor-key";
    public const int DefaultAkkaPort = 4053;
    /// <summary>The shortest operator or auditor key accepted.</summary>
    public const int MinKeyLength = 16;

    /// <summary>Folder of showroom.db and other local state (SHOWROOM_DATA_DIR, default ./data).</summary>
    public string DataDir { get; init; } = Path.GetFullPath("data");
    /// <summary>Npgsql connection string (SHOWROOM_POSTGRES); when set, PostgreSQL replaces SQLite.</summary>
    public string? PostgresConnection { get; init; }
    /// <summary>Operator bearer key (SHOWROOM_OPERATOR_KEY); null: no operator access.</summary>
    public string? OperatorKey { get; init; }
    /// <summary>Read-only auditor bearer key (SHOWROOM_AUDITOR_KEY); null: no auditor access.</summary>
    public string? AuditorKey { get; init; }
    /// <summary>
    /// True when the demo keys are in use: demo mode with no key configured. Only then do the demo operator, auditor
    /// and device keys work.
    /// </summary>
    public bool UsesDemoKeys { get; init; }
    public string AkkaHost { get; init; } = "127.0.0.1";
    /// <summary>Remoting port; 0 picks a free one (tests).</summary>
    public int AkkaPort { get; init; } = DefaultAkkaPort;
    /// <summary>Seed node addresses (SHOWROOM_SEEDS); empty: this node joins itself.</summary>
    public IReadOnlyList<string> Seeds { get; init; } = [];
    /// <summary>Load the demo showroom on start (SHOWROOM_DEMO, default on).</summary>
    public bool Demo { get; init; } = true;
    /// <summary>
    /// The address phones reach this showroom at, used in QR codes and screen links (SHOWROOM_PUBLIC_URL);
    /// null: the host's own HTTP address.
    /// </summary>
    public Uri? PublicBaseUrl { get; init; }
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

    /// <summary>Reads the SHOWROOM_* variables through <paramref name="get"/> (normally Environment.GetEnvironmentVariable).</summary>
    public static ShowroomSettings FromEnvironment(Func<string, string?> get)
    {
        var defaults = new ShowroomSettings();
        string? Value(string name) => string.IsNullOrWhiteSpace(get(name)) ? null : get(name)!.Trim();

        var demo = Value("SHOWROOM_DEMO") is not { } demoSwitch || ParseSwitch(demoSwitch, "SHOWROOM_DEMO");
        var operatorKey = Value("SHOWROOM_OPERATOR_KEY") is { } op ? CheckKey(op, "SHOWROOM_OPERATOR_KEY") : null;
        var auditorKey = Value("SHOWROOM_AUDITOR_KEY") is { } au ? CheckKey(au, "SHOWROOM_AUDITOR_KEY") : null;
        // The demo keys are printed in the README: they work only in demo mode, and never once any key is configured.
        var demoKeys = demo && operatorKey is null && auditorKey is null;
        return new ShowroomSettings
        {
            DataDir = Path.GetFullPath(Value("SHOWROOM_DATA_DIR") ?? "data"),
            PostgresConnection = Value("SHOWROOM_POSTGRES"),
            OperatorKey = demoKeys ? DemoOperatorKey : operatorKey,
            AuditorKey = demoKeys ? DemoAuditorKey : auditorKey,
            UsesDemoKeys = demoKeys,
            AkkaHost = Value("SHOWROOM_AKKA_HOST") ?? defaults.AkkaHost,
            AkkaPort = Value("SHOWROOM_AKKA_PORT") is { } port ? ParsePort(port) : DefaultAkkaPort,
            Seeds = Value("SHOWROOM_SEEDS") is { } seeds ? ParseSeeds(seeds) : [],
            Demo = demo,
            PublicBaseUrl = Value("SHOWROOM_PUBLIC_URL") is { } url ? ParseUrl(url) : null,
            AuditKeyFile = Value("SHOWROOM_AUDIT_SIGNING_KEY") is { } key ? Path.GetFullPath(key) : null,
        };
    }

    private static string CheckKey(string key, string name) =>
        key.Length >= MinKeyLength
            ? key
            : throw new SettingsException($"{name} must be at least {MinKeyLength} characters (it has {key.Length}): a short key is guessed quickly.");

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

    private static Uri ParseUrl(string text) =>
        Uri.TryCreate(text.TrimEnd('/'), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new SettingsException($"SHOWROOM_PUBLIC_URL must be an absolute http(s) URL, not '{text}'.");

    private static bool ParseSwitch(string text, string name) => text.ToLowerInvariant() switch
    {
        "on" or "true" or "1" or "yes" => true,
        "off" or "false" or "0" or "no" => false,
        _ => throw new SettingsException($"{name} must be 'on' or 'off', not '{text}'."),
    };
}

/// <summary>A configuration value that cannot work; the message names the variable.</summary>
public sealed class SettingsException(string message) : Exception(message);
