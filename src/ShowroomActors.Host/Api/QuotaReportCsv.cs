using System.Globalization;
using System.Text;
using ShowroomActors.Actors.Buyers;
using ShowroomActors.Domain.Buyers;

namespace ShowroomActors.Host.Api;

/// <summary>
/// The quota report as CSV (RFC 4180, UTF-8 with a byte order mark so spreadsheet programs show Chinese names).
/// Money in fen, ratios and progress as decimals, empty cells where there is no target. Text cells that a
/// spreadsheet would run as a formula are prefixed with an apostrophe.
/// </summary>
public static class QuotaReportCsv
{
    public static readonly string[] Columns =
    [
        "year", "unitId", "name", "jurisdiction", "status", "hasPlan", "hasCanteen", "canteenFoodBudgetFen", "reservedRatio",
        "ratioSource", "targetFen", "certifiedFen", "totalFen", "progress", "shortfallFen", "onTrack", "forecastFen",
        "showroomFen", "unionFen", "externalFen", "reversedAfterYearEndFen",
    ];

    public static string Write(QuotaReport report)
    {
        var csv = new StringBuilder("\uFEFF");
        csv.AppendJoin(',', Columns).Append("\r\n");
        foreach (var line in report.Lines)
        {
            var f = line.Figures;
            string?[] cells =
            [
                Number(f.Year), line.UnitId, line.Name, line.Jurisdiction, f.Status.ToText(), Bool(f.HasPlan), Bool(f.HasCanteen),
                Number(f.CanteenFoodBudget?.Value), f.ReservedRatio?.ToString(), f.RatioSource, Number(f.Target?.Value),
                Number(f.Certified.Value), Number(f.Total.Value), f.Progress?.ToString(CultureInfo.InvariantCulture),
                Number(f.Shortfall?.Value), Bool(f.OnTrack), Number(f.Forecast.Value), Number(f.ShowroomFen.Value),
                Number(f.UnionFen.Value), Number(f.ExternalFen.Value), Number(f.ReversedAfterYearEnd.Value),
            ];
            csv.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
        }
        return csv.ToString();
    }

    private static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Bool(bool? value) => value switch { true => "true", false => "false", null => null };

    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '@' or '\t' or '\r' || (value[0] == '-' && !decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
