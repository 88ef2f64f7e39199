using Microsoft.AspNetCore.Http.HttpResults;
using ShowroomActors.Application.Buyers;
using ShowroomActors.Domain.Common;
using ShowroomActors.Host.Http;
using ShowroomActors.Host.OpenApi;

namespace ShowroomActors.Host.Api;

/// <summary>Buyer accounts, plans, external purchases, quota and statement: <c>/api/v1/buyers</c> (operator).</summary>
public static class BuyerEndpoints
{
    public static void MapBuyerEndpoints(this IEndpointRouteBuilder app)
    {
        var buyers = app.MapGroup("/api/v1/buyers").RequireOperator().WithTags("Buyers");

        buyers.MapPost("/", async (JsonBody<RegisterBuyerRequest> body, BuyerUseCases accounts, CancellationToken cancel) =>
            (await accounts.RegisterAsync(body.Value.ToCommand(), cancel))
                .ToCreated(buyer => $"/api/v1/buyers/{Uri.EscapeDataString(buyer.BuyerId)}", BuyerResponse.From))
            .WithSummary("Open a buyer account (a trade union's parent must be a registered budget unit).")
            .WithExample(new ApiExample(201, Key: "operator", Body: new { buyerId = "example-yantian-school", kind = "budget-unit", name = "盐田区外国语小学", jurisdiction = "shenzhen-yantian" }));

        buyers.MapGet("/{buyerId}", async (string buyerId, BuyerUseCases accounts, CancellationToken cancel) =>
            (await accounts.GetAsync(buyerId, cancel)).ToOk(BuyerResponse.From))
            .WithSummary("A buyer account: who, its plans and what was credited per year.")
            .WithExample(new ApiExample(200, "/api/v1/buyers/yantian-peoples-hospital", Key: "operator"));

        buyers.MapPut("/{buyerId}/plans/{year}", async Task<Results<Ok<PlanResponse>, ProblemHttpResult>> (
            string buyerId, string year, JsonBody<PlanRequest> body, BuyerUseCases accounts, CancellationToken cancel) =>
        {
            if (QueryValues.Year(year, out var planYear) is { } badYear) return Problems.From(badYear);
            return (await accounts.DeclarePlanAsync(body.Value.ToCommand(buyerId, planYear), cancel)).ToOk(plan => PlanResponse.From(buyerId, plan));
        })
            .WithSummary("Declare or revise a budget unit's annual plan (without reservedRatio the ratio table decides).")
            .WithExample(new ApiExample(200, "/api/v1/buyers/yantian-tiandong-primary/plans/2027", new { canteenFoodBudgetFen = 120_000_000, hasCanteen = true }, "operator"));

        buyers.MapPost("/{buyerId}/external-purchases", async (string buyerId, JsonBody<ExternalPurchaseRequest> body, BuyerUseCases accounts, CancellationToken cancel) =>
        {
            var p = body.Value;
            var recorded = await accounts.RecordExternalPurchaseAsync(buyerId, p.Reference!, new Fen(p.AmountFen!.Value), p.Certified!.Value, p.At!.Value, cancel);
            return recorded.ToCreated(
                purchase => $"/api/v1/buyers/{Uri.EscapeDataString(buyerId)}/external-purchases/{Uri.EscapeDataString(purchase.Purchase.Reference)}",
                ExternalPurchaseResponse.From);
        })
            .WithSummary("Record procurement made elsewhere (a union's counts for its parent unit; the same reference again is harmless).")
            .WithExample(new ApiExample(201, "/api/v1/buyers/yantian-gov-office/external-purchases",
                new { reference = "832-2026-0001", amountFen = 500_000, certified = true, at = "2026-05-01T10:00:00+08:00" }, "operator"));

        buyers.MapGet("/{buyerId}/quota/{year}", async Task<Results<Ok<QuotaResponse>, ProblemHttpResult>> (
            string buyerId, string year, BuyerUseCases accounts, CancellationToken cancel) =>
        {
            if (QueryValues.Year(year, out var quotaYear) is { } badYear) return Problems.From(badYear);
            return (await accounts.QuotaAsync(buyerId, quotaYear, cancel)).ToOk(figures => QuotaResponse.From(buyerId, figures));
        })
            .WithSummary("A budget unit's quota figures for a year, as of now.")
            .WithExample(new ApiExample(200, "/api/v1/buyers/yantian-peoples-hospital/quota/2026", Key: "operator"));

        buyers.MapGet("/{buyerId}/statement", async Task<Results<Ok<StatementResponse>, ContentHttpResult, ProblemHttpResult>> (
            string buyerId, string? from, string? to, string? format, BuyerUseCases accounts, TimeProvider clock, CancellationToken cancel) =>
        {
            if (QueryValues.FirstOf(QueryValues.Date(from, "from", out var first), QueryValues.Date(to, "to", out var last), QueryValues.Format(format, "html", out var html)) is { } bad)
                return Problems.From(bad);
            var statement = await accounts.StatementAsync(buyerId, first, last, cancel);
            if (!statement.IsAccepted) return Problems.From(statement.Rejection);
            return html ? Statements.Page(statement.Value, clock) : TypedResults.Ok(StatementResponse.Of(statement.Value));
        })
            .WithSummary("Certified purchases of a period (JSON, or `format=html`: the printable statement).")
            .WithExample(new ApiExample(200, "/api/v1/buyers/yantian-port-logistics/statement?from=2026-01-01&to=2026-12-31", Key: "operator"));
    }
}
