using System.Globalization;
using ShowroomActors.Application.Buyers;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Common;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.Api;

/// <summary>Buyer accounts, plans, external purchases, quota and statement: <c>/api/v1/buyers</c> (operator).</summary>
public static class BuyerEndpoints
{
    public static void MapBuyerEndpoints(this IEndpointRouteBuilder app)
    {
        var buyers = app.MapGroup("/api/v1/buyers").AddEndpointFilter<ProblemFilter>().RequireOperator();

        buyers.MapPost("/", async (HttpRequest request, BuyerUseCases accounts) =>
        {
            var body = await RequestJson.ReadAsync<RegisterBuyerRequest>(request);
            var registered = await accounts.RegisterAsync(body.ToCommand(), request.HttpContext.RequestAborted);
            return registered.ToResult(buyer => Results.Created($"/api/v1/buyers/{buyer.BuyerId}", BuyerResponse.From(buyer)));
        });

        buyers.MapGet("/{buyerId}", async (string buyerId, HttpContext http, BuyerUseCases accounts) =>
            (await accounts.GetAsync(buyerId, http.RequestAborted)).ToOk(BuyerResponse.From));

        buyers.MapPut("/{buyerId}/plans/{year}", async (string buyerId, string year, HttpRequest request, BuyerUseCases accounts) =>
        {
            var planYear = ParseYear(year);
            var body = await RequestJson.ReadAsync<PlanRequest>(request);
            var declared = await accounts.DeclarePlanAsync(body.ToCommand(buyerId, planYear), request.HttpContext.RequestAborted);
            return declared.ToOk(plan => PlanResponse.From(buyerId, plan));
        });

        buyers.MapPost("/{buyerId}/external-purchases", async (string buyerId, HttpRequest request, BuyerUseCases accounts) =>
        {
            var body = await RequestJson.ReadAsync<ExternalPurchaseRequest>(request);
            var recorded = await accounts.RecordExternalPurchaseAsync(buyerId,
                RequestJson.Required(body.Reference, "reference"),
                new Fen(RequestJson.Required(body.AmountFen, "amountFen")),
                RequestJson.Required(body.Certified, "certified"),
                RequestJson.Required(body.At, "at"),
                request.HttpContext.RequestAborted);
            return recorded.ToResult(purchase => Results.Created(
                $"/api/v1/buyers/{buyerId}/external-purchases/{purchase.Purchase.Reference}", ExternalPurchaseResponse.From(purchase)));
        });

        buyers.MapGet("/{buyerId}/quota/{year}", async (string buyerId, string year, HttpContext http, BuyerUseCases accounts) =>
            (await accounts.QuotaAsync(buyerId, ParseYear(year), http.RequestAborted)).ToOk(figures => QuotaResponse.From(buyerId, figures)));

        buyers.MapGet("/{buyerId}/statement", async (string buyerId, string? from, string? to, string? format, HttpContext http, BuyerUseCases accounts, TimeProvider clock) =>
        {
            var first = Statements.ParseDate(from, "from");
            var last = Statements.ParseDate(to, "to");
            var html = format switch
            {
                null or "json" => false,
                "html" => true,
                _ => throw new ProblemException(Problems.BadRequest("format", "'format' must be 'json' or 'html'.")),
            };
            var statement = await accounts.StatementAsync(buyerId, first, last, http.RequestAborted);
            return statement.ToResult(period => html ? Statements.Page(period, clock) : Results.Ok(StatementResponse.Of(period)));
        });
    }

    /// <summary>A route year, or a 400 naming <c>year</c>.</summary>
    public static int ParseYear(string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && QuotaCalendar.CheckYear(year) is null) return year;
        throw new ProblemException(Problems.BadRequest("year", $"'year' must be a year from {QuotaCalendar.MinYear} to {QuotaCalendar.MaxYear}."));
    }
}
