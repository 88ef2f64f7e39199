using ShowroomActors.Actors.Buyers;
using ShowroomActors.Application.Buyers;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.WebConsole.Pages;

/// <summary>
/// Every budget unit's quota for a year (target, certified spend, progress, shortfall), sortable, from the quota report
/// projection; the CSV download is the API's report.
/// </summary>
public sealed class QuotasModel(BuyerUseCases buyers, TimeProvider clock) : ConsolePage
{
    public static readonly string[] Sorts = ["shortfall", "progress", "certified", "target", "name"];

    public int Year { get; private set; }
    public string Sort { get; private set; } = "shortfall";
    public QuotaReport? Report { get; private set; }
    public IReadOnlyList<QuotaReportLine> Lines { get; private set; } = [];
    public ConsoleProblem? LoadProblem { get; private set; }

    public async Task OnGetAsync(int? year, string? sort, CancellationToken cancel)
    {
        Year = year ?? clock.GetUtcNow().ToOffset(QuotaCalendar.Offset).Year;
        Sort = Sorts.Contains(sort) ? sort! : "shortfall";
        var read = await buyers.QuotaReportAsync(Year, cancel);
        if (!read.IsAccepted)
        {
            var r = read.Rejection;
            LoadProblem = new ConsoleProblem("year", r.Field, Problems.StatusOf(r.Code), Problems.TitleOf(r.Code), r.Message, r.Field);
            Response.StatusCode = LoadProblem.Status;
            return;
        }
        Report = read.Value;
        Lines = Sorted(read.Value.Lines, Sort);
    }

    /// <summary>Largest shortfall, lowest progress, or largest amount first; by name in Chinese collation order.</summary>
    private static List<QuotaReportLine> Sorted(IEnumerable<QuotaReportLine> lines, string sort) => sort switch
    {
        "progress" => lines.OrderBy(l => l.Figures.Progress ?? decimal.MaxValue).ThenBy(l => l.UnitId, StringComparer.Ordinal).ToList(),
        "certified" => lines.OrderByDescending(l => l.Figures.Certified.Value).ThenBy(l => l.UnitId, StringComparer.Ordinal).ToList(),
        "target" => lines.OrderByDescending(l => l.Figures.Target?.Value ?? -1).ThenBy(l => l.UnitId, StringComparer.Ordinal).ToList(),
        "name" => lines.OrderBy(l => l.Name, StringComparer.Create(new System.Globalization.CultureInfo("zh-CN"), false)).ToList(),
        _ => lines.OrderByDescending(l => l.Figures.Shortfall?.Value ?? -1).ThenBy(l => l.UnitId, StringComparer.Ordinal).ToList(),
    };

    /// <summary>Progress as a whole percentage for the bar (0-100).</summary>
    public static int BarPercent(QuotaFigures f) => (int)Math.Clamp(Math.Floor((f.Progress ?? 0) * 100), 0, 100);
}
