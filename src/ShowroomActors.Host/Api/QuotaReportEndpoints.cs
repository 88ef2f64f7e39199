using Microsoft.AspNetCore.Http.HttpResults;
using ShowroomActors.Application.Buyers;
using ShowroomActors.Actors.Buyers;
using ShowroomActors.Host.Http;
using ShowroomActors.Host.OpenApi;

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
        var reports = app.MapGroup("/api/v1/reports").RequireOperator().WithTags("Buyers");

        reports.MapGet("/quota/{year}", async Task<Results<Ok<QuotaReportResponse>, ContentHttpResult, ProblemHttpResult>> (
            string year, string? format, HttpContext http, BuyerUseCases accounts, CancellationToken cancel) =>
        {
            if (QueryValues.FirstOf(QueryValues.Year(year, out var reportYear), QueryValues.Format(format, "csv", out var csv)) is { } bad) return Problems.From(bad);
            var report = await accounts.QuotaReportAsync(reportYear, cancel);
            if (!report.IsAccepted) return Problems.From(report.Rejection);
            if (!csv) return TypedResults.Ok(QuotaReportResponse.From(report.Value));
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"quota-report-{reportYear}.csv\"";
            return TypedResults.Text(QuotaReportCsv.Write(report.Value), "text/csv; charset=utf-8");
        })
            .WithSummary("Every budget unit's quota figures for a year (JSON or `format=csv`), from the quota report projection.")
            .WithExample(new ApiExample(200, "/api/v1/reports/quota/2026", Key: "operator"));
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
