using ShowroomActors.Application.Buyers;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.WebConsole.Pages;

/// <summary>
/// One budget unit's quota for a year: its figures (from the buyer entity, as of now) and a chart of certified spend by
/// month (China Standard Time) against its target, from the unit's certified purchases of the year (its statement);
/// purchases made through its trade union are listed under it.
/// </summary>
public sealed class QuotaModel(BuyerUseCases buyers, TimeProvider clock) : ConsolePage
{
    public int Year { get; private set; }
    public string UnitId { get; private set; } = "";
    public string? Name { get; private set; }
    public QuotaFigures? Figures { get; private set; }
    public QuotaChart? Chart { get; private set; }
    public IReadOnlyList<StatementLine> UnionPurchases { get; private set; } = [];
    public ConsoleProblem? LoadProblem { get; private set; }

    public async Task OnGetAsync(string unitId, int? year, CancellationToken cancel)
    {
        UnitId = unitId;
        Year = year ?? clock.GetUtcNow().ToOffset(QuotaCalendar.Offset).Year;
        var figures = await buyers.QuotaAsync(unitId, Year, cancel);
        if (!figures.IsAccepted)
        {
            Fail(figures.Rejection);
            return;
        }
        var statement = await buyers.StatementAsync(unitId, new DateOnly(Year, 1, 1), new DateOnly(Year, 12, 31), cancel);
        if (!statement.IsAccepted)
        {
            Fail(statement.Rejection);
            return;
        }
        Figures = figures.Value;
        Name = statement.Value.Statement.Name;
        var lines = statement.Value.Statement.Lines;
        Chart = QuotaChart.Of(lines, figures.Value.Target?.Value);
        UnionPurchases = lines.Where(l => l.ViaUnionId is not null).ToList();
    }

    private void Fail(Domain.Common.Rejection r)
    {
        LoadProblem = new ConsoleProblem("unit", r.Field, Problems.StatusOf(r.Code), Problems.TitleOf(r.Code), r.Message, r.Field);
        Response.StatusCode = LoadProblem.Status;
    }
}
