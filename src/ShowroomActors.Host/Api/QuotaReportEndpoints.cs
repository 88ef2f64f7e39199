using ShowroomActors.Application.Buyers;
using ShowroomActors.Actors.Buyers;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.Api;

/// <summary>
/// <c>GET /api/v1/reports/quota/{year}</c> (operator): every budget unit's quota figures, as JSON or CSV
/// (<c>?format=csv</c>). Read from the quota report projection, which lags the accounts by well under a second;
/// <c>readModel</c> tells how far it got.
/// </summary>
public static class QuotaReportEndpoints
{
    public static void MapQuotaReportEndpoints(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/v1/reports").AddEndpointFilter<ProblemFilter>().RequireOperator();

        reports.MapGet("/quota/{year}", async (string year, string? format, HttpContext http, BuyerUseCases accounts) =>
        {
            var reportYear = BuyerEndpoints.ParseYear(year);
            var csv = format switch
            {
                null or "json" => false,
                "csv" => true,
                _ => throw new ProblemException(Problems.BadRequest("format", "'format' must be 'json' or 'csv'.")),
            };
            return (await accounts.QuotaReportAsync(reportYear, http.RequestAborted)).ToResult(report =>
            {
                if (!csv) return Results.Ok(QuotaReportResponse.From(report));
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"quota-report-{reportYear}.csv\"";
                return Results.Text(QuotaReportCsv.Write(report), "text/csv; charset=utf-8");
            });
        });
    }
}

/// <summary>The report as JSON.</summary>
public sealed record QuotaReportResponse(int Year, DateTimeOffset GeneratedAt, ReadModelPosition ReadModel, IReadOnlyList<QuotaReportUnit> Units)
{
    public static QuotaReportResponse From(QuotaReport report) => new(
        report.Year,
        report.GeneratedAt,
        new ReadModelPosition(report.Offset, report.ProjectedAt),
        report.Lines.Select(l => new QuotaReportUnit(l.UnitId, l.Name, l.Jurisdiction, QuotaResponse.From(l.UnitId, l.Figures))).ToList());
}

/// <summary>How far the projection got: the journal ordering it reached and when it last wrote.</summary>
public sealed record ReadModelPosition(long Offset, DateTimeOffset? ProjectedAt);

public sealed record QuotaReportUnit(string UnitId, string Name, string? Jurisdiction, QuotaResponse Quota);
