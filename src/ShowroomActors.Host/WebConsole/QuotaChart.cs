using System.Globalization;
using ShowroomActors.Domain.Buyers;

namespace ShowroomActors.Host.WebConsole;

/// <summary>
/// The chart of one unit's year, drawn as SVG by the page (no chart library): certified spend of each month (China
/// Standard Time) as bars, the running total as a line, and the year's target as a dashed line. Coordinates are in the
/// SVG's own units (<see cref="Width"/> × <see cref="Height"/>).
/// </summary>
public sealed class QuotaChart
{
    public const int Width = 640;
    public const int Height = 260;
    public const int Left = 70;
    public const int Right = 10;
    public const int Top = 14;
    public const int Bottom = 30;

    private QuotaChart(long[] monthly, long? target)
    {
        Monthly = monthly;
        Target = target;
        var running = 0L;
        Cumulative = monthly.Select(m => running += m).ToArray();
        Max = Math.Max(1, Math.Max(target ?? 0, Cumulative[^1]));
    }

    /// <summary>Certified fen per month, January first.</summary>
    public IReadOnlyList<long> Monthly { get; }
    /// <summary>The running total at the end of each month.</summary>
    public IReadOnlyList<long> Cumulative { get; }
    public long? Target { get; }
    /// <summary>The top of the scale (fen): the target or the total, whichever is larger.</summary>
    public long Max { get; }

    public static QuotaChart Of(IEnumerable<StatementLine> lines, long? targetFen)
    {
        var monthly = new long[12];
        foreach (var line in lines) monthly[line.At.ToOffset(QuotaCalendar.Offset).Month - 1] += line.CertifiedFen.Value;
        return new QuotaChart(monthly, targetFen);
    }

    private static double PlotWidth => Width - Left - Right;
    private static double PlotHeight => Height - Top - Bottom;
    private static double Slot => PlotWidth / 12;

    /// <summary>The y of an amount (fen).</summary>
    public double Y(long fen) => Top + PlotHeight - PlotHeight * fen / Max;

    public static double BarX(int month) => Left + Slot * month + Slot * 0.2;
    public static double BarWidth => Slot * 0.6;
    public static double MonthCenter(int month) => Left + Slot * month + Slot / 2;
    public static double Baseline => Top + PlotHeight;

    /// <summary>The running total as an SVG polyline's points.</summary>
    public string CumulativePoints => string.Join(" ", Cumulative.Select((fen, m) => F(MonthCenter(m)) + "," + F(Y(fen))));

    /// <summary>Four gridlines' amounts: a quarter of the scale each.</summary>
    public IEnumerable<long> Grid => Enumerable.Range(1, 4).Select(i => Max * i / 4);

    /// <summary>A coordinate for SVG (invariant, one decimal).</summary>
    public static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
