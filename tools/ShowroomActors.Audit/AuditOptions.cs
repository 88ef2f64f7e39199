using System.Globalization;
using ShowroomActors.Actors.Configuration;

namespace ShowroomActors.Audit;

/// <summary>A command line the user got wrong: printed with the usage, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>Parsed command line: the command, its positional arguments and its --options.</summary>
public sealed class AuditOptions
{
    private readonly Dictionary<string, string?> _options;

    private AuditOptions(string command, IReadOnlyList<string> arguments, Dictionary<string, string?> options)
    {
        Command = command;
        Arguments = arguments;
        _options = options;
    }

    public string Command { get; }
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>Options that take no value.</summary>
    private static readonly HashSet<string> Flags = ["--all"];

    public static AuditOptions Parse(string[] args)
    {
        if (args.Length == 0) throw new UsageException("No command given.");
        var arguments = new List<string>();
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                arguments.Add(arg);
                continue;
            }
            if (Flags.Contains(arg))
            {
                options[arg] = null;
                continue;
            }
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                throw new UsageException($"Option {arg} needs a value.");
            options[arg] = args[++i];
        }
        return new AuditOptions(args[0], arguments, options);
    }

    public bool Has(string option) => _options.ContainsKey(option);

    public string? Get(string option) => _options.GetValueOrDefault(option);

    /// <summary>Fails on options the command does not know, so typos are not silently ignored.</summary>
    public void Allow(params string[] known)
    {
        var unknown = _options.Keys.Except(known.Concat(["--data-dir", "--postgres", "--key"])).ToList();
        if (unknown.Count > 0) throw new UsageException($"Unknown option(s) for '{Command}': {string.Join(", ", unknown)}.");
    }

    public string Argument(int index, string name) =>
        index < Arguments.Count ? Arguments[index] : throw new UsageException($"'{Command}' needs {name}.");

    public DateTimeOffset? Instant(string option)
    {
        var text = Get(option);
        if (text is null) return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : throw new UsageException($"{option} must be an ISO-8601 instant such as 2026-11-29T08:00:00Z, not '{text}'.");
    }

    public long? Number(string option)
    {
        var text = Get(option);
        if (text is null) return null;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new UsageException($"{option} must be a positive whole number, not '{text}'.");
    }

    /// <summary>Which journal to read: --postgres CONNECTION, else --data-dir DIR, else SHOWROOM_DATA_DIR or ./data.</summary>
    public ShowroomSettings Settings()
    {
        if (Get("--postgres") is { } postgres) return new ShowroomSettings { PostgresConnection = postgres };
        var dir = Get("--data-dir") ?? Environment.GetEnvironmentVariable("SHOWROOM_DATA_DIR") ?? "data";
        var settings = new ShowroomSettings { DataDir = Path.GetFullPath(dir) };
        if (!File.Exists(settings.SqliteFile)) throw new UsageException($"No journal at {settings.SqliteFile} (use --data-dir DIR or --postgres CONNECTION).");
        return settings;
    }

    /// <summary>
    /// The seal key, when the audit signing key is at hand: --key FILE, else SHOWROOM_AUDIT_SIGNING_KEY, else the data
    /// folder's audit-signing-key.pem if there is one. Null: seals are not checked.
    /// </summary>
    public ShowroomActors.Domain.Audit.SealKey? Seals(ShowroomSettings settings)
    {
        var path = Get("--key") ?? Environment.GetEnvironmentVariable("SHOWROOM_AUDIT_SIGNING_KEY");
        if (path is null && !settings.UsesPostgres) path = Path.Combine(settings.DataDir, ShowroomSettings.DefaultAuditKeyFileName);
        if (path is null || !File.Exists(path)) return Get("--key") is null ? null : throw new UsageException($"No key file at {path}.");
        using var key = ShowroomActors.Actors.Audit.AuditSigningKey.Load(path);
        return key.Seals;
    }
}
