using System.Globalization;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Host.Http;

/// <summary>
/// Values read from a route or query string, each answering the rejection that names its field (or null) and the value
/// read: <c>if (QueryValues.Year(text, out var year) is { } bad) return Problems.From(bad);</c>; several at once with
/// <see cref="FirstOf"/>.
/// </summary>
public static class QueryValues
{
    /// <summary>The first of several checks' rejections; every check runs (so each value read is assigned).</summary>
    public static Rejection? FirstOf(params Rejection?[] checks) => checks.FirstOrDefault(c => c is not null);

    public static Rejection? Year(string text, out int year, string field = "year") =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out year) && QuotaCalendar.CheckYear(year) is null
            ? null
            : Rejection.Invalid(field, $"'{field}' must be a year from {QuotaCalendar.MinYear} to {QuotaCalendar.MaxYear}.");

    /// <summary>An optional calendar date (UTC+8) like 2026-01-31.</summary>
    public static Rejection? Date(string? text, string field, out DateOnly? date)
    {
        date = null;
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) && QuotaCalendar.IsValidYear(parsed.Year))
        {
            date = parsed;
            return null;
        }
        return Rejection.Invalid(field, $"'{field}' must be a date like 2026-01-31 (years {QuotaCalendar.MinYear}-{QuotaCalendar.MaxYear}).");
    }

    /// <summary>An optional positive whole number (zero too with <paramref name="allowZero"/>).</summary>
    public static Rejection? Number(string? text, string field, out long? number, bool allowZero = false)
    {
        number = null;
        if (text is null) return null;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && (value > 0 || (allowZero && value == 0)))
        {
            number = value;
            return null;
        }
        return Rejection.Invalid(field, $"'{field}' must be a positive whole number.");
    }

    /// <summary>An optional ISO-8601 instant.</summary>
    public static Rejection? Instant(string? text, string field, out DateTimeOffset? instant)
    {
        instant = null;
        if (text is null) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            instant = parsed;
            return null;
        }
        return Rejection.Invalid(field, $"'{field}' must be an ISO-8601 instant such as 2026-11-29T08:00:00Z.");
    }

    /// <summary>The answer format: <paramref name="other"/> when asked for, else JSON (the default).</summary>
    public static Rejection? Format(string? text, string other, out bool isOther)
    {
        isOther = text == other;
        return text is null or "json" || isOther ? null : Rejection.Invalid("format", $"'format' must be 'json' or '{other}'.");
    }
}
