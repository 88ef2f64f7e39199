using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Buyers;

/// <summary>
/// Quota years are calendar years in China Standard Time (UTC+8, no daylight saving): a payment at
/// 2025-12-31T17:00Z (01:00 on 1 January in Shenzhen) counts for 2026.
/// </summary>
public static class QuotaCalendar
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    public static int YearOf(DateTimeOffset at) => at.ToOffset(Offset).Year;

    public static DateTimeOffset StartOf(int year) => new(year, 1, 1, 0, 0, 0, Offset);

    public static bool IsValidYear(int year) => year is >= MinYear and <= MaxYear;

    /// <summary>A rejection naming <paramref name="field"/> when <paramref name="year"/> is outside the supported range.</summary>
    public static Rejection? CheckYear(int year, string field = "year") =>
        IsValidYear(year) ? null : Rejection.Invalid(field, $"'{field}' must be a year from {MinYear} to {MaxYear}.");

    /// <summary>A rejection naming <paramref name="field"/> when the year of <paramref name="at"/> is outside the supported range.</summary>
    public static Rejection? CheckInstant(DateTimeOffset at, string field) =>
        IsValidYear(YearOf(at)) ? null : Rejection.Invalid(field, $"'{field}' must fall in a year from {MinYear} to {MaxYear} (China Standard Time).");

    /// <summary>How much of <paramref name="year"/> has gone by at <paramref name="now"/>, in ticks, and the year's length.</summary>
    public static (long Elapsed, long Length) Progress(int year, DateTimeOffset now)
    {
        var start = StartOf(year);
        var length = (StartOf(year + 1) - start).Ticks;
        var elapsed = Math.Clamp((now - start).Ticks, 0, length);
        return (elapsed, length);
    }
}
