using System.Globalization;
using ShowroomActors.Domain.Buyers;

namespace ShowroomActors.Host.WebConsole;

/// <summary>How the console writes money, instants and shares: yuan with two decimals, China Standard Time.</summary>
public static class ConsoleFormat
{
    public static string Yuan(long fen) => string.Create(CultureInfo.InvariantCulture, $"¥{fen / 100m:#,0.00}");

    public static string Yuan(long? fen) => fen is { } value ? Yuan(value) : "–";

    /// <summary>An instant in China Standard Time, to the second.</summary>
    public static string Time(DateTimeOffset? at) =>
        at is { } value ? value.ToOffset(QuotaCalendar.Offset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "–";

    public static string Percent(decimal? share) =>
        share is { } value ? (value * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "–";

    /// <summary>An instant as ISO 8601 with its offset, for machines (data attributes, query strings).</summary>
    public static string Iso(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
