using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using ShowroomActors.Actors.Audit;
using ShowroomActors.Actors.Configuration;
using ShowroomActors.Domain.Audit;

namespace ShowroomActors.Audit;

/// <summary>The options every command takes (which journal, which key), and the parsers of typed option values.</summary>
public static class JournalOptions
{
    public static readonly Option<string?> DataDir = new("--data-dir")
    {
        Description = "Folder of showroom.db (default: $SHOWROOM_DATA_DIR, else ./data)",
        Recursive = true,
        HelpName = "DIR",
    };

    public static readonly Option<string?> Postgres = new("--postgres")
    {
        Description = "Npgsql connection string: read a PostgreSQL journal instead of the SQLite file",
        Recursive = true,
        HelpName = "CONNECTION",
    };

    public static readonly Option<string?> Key = new("--key")
    {
        Description = "The audit signing key (PEM) to check seals with (default: $SHOWROOM_AUDIT_SIGNING_KEY, else the data folder's audit-signing-key.pem if present; without one, seals are not checked)",
        Recursive = true,
        HelpName = "FILE",
    };

    /// <summary>Which journal to read: --postgres, else --data-dir, else SHOWROOM_DATA_DIR, else ./data.</summary>
    public static ShowroomSettings Settings(ParseResult parsed)
    {
        if (parsed.GetValue(Postgres) is { } postgres) return new ShowroomSettings { PostgresConnection = postgres };
        var dir = parsed.GetValue(DataDir) ?? Environment.GetEnvironmentVariable("SHOWROOM_DATA_DIR") ?? "data";
        var settings = new ShowroomSettings { DataDir = Path.GetFullPath(dir) };
        if (!File.Exists(settings.SqliteFile)) throw new UsageException($"No journal at {settings.SqliteFile} (use --data-dir DIR or --postgres CONNECTION).");
        return settings;
    }

    /// <summary>The seal key when the audit signing key is at hand (see <see cref="Key"/>); null: seals are not checked.</summary>
    public static SealKey? Seals(ParseResult parsed, ShowroomSettings settings)
    {
        using var key = SigningKey(parsed, settings);
        return key?.Seals;
    }

    /// <summary>The public half of the audit signing key when it is at hand (see <see cref="Key"/>); else null.</summary>
    public static AuditPublicKey? PublicKey(ParseResult parsed, ShowroomSettings settings)
    {
        using var key = SigningKey(parsed, settings);
        return key?.PublicKey;
    }

    private static AuditSigningKey? SigningKey(ParseResult parsed, ShowroomSettings settings)
    {
        var given = parsed.GetValue(Key);
        var path = given ?? Environment.GetEnvironmentVariable("SHOWROOM_AUDIT_SIGNING_KEY");
        if (path is null && !settings.UsesPostgres) path = Path.Combine(settings.DataDir, ShowroomSettings.DefaultAuditKeyFileName);
        if (path is null || !File.Exists(path))
            return given is null ? null : throw new UsageException($"No key file at {Path.GetFullPath(given)}.");
        return AuditSigningKey.Load(path);
    }

    /// <summary>An option holding an ISO-8601 instant (assumed UTC without an offset).</summary>
    public static Option<DateTimeOffset?> Instant(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "INSTANT",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
                return instant;
            result.AddError($"{name} must be an ISO-8601 instant such as 2026-11-29T08:00:00Z, not '{text}'.");
            return null;
        },
    };

    /// <summary>An option holding a whole number of at least <paramref name="minimum"/>.</summary>
    public static Option<long?> Number(string name, string description, long minimum = 1, string helpName = "N") => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = result => ParseNumber(result, name, minimum),
    };

    public static long? ParseNumber(ArgumentResult result, string name, long minimum)
    {
        var text = result.Tokens.Single().Value;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum) return value;
        result.AddError($"{name} must be a whole number of at least {minimum}, not '{text}'.");
        return null;
    }
}
