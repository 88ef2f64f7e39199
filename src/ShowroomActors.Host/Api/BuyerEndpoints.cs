using System.Globalization;
using ShowroomActors.Actors;
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

        buyers.MapPost("/", async (HttpRequest request, ShowroomSystem showroom) =>
        {
            var body = await RequestJson.ReadAsync<RegisterBuyerRequest>(request);
            var answer = await BuyerRegistration.RegisterAsync(showroom, body.ToCommand(), request.HttpContext.RequestAborted);
            var state = Expect<BuyerState>(answer);
            return Results.Created($"/api/v1/buyers/{state.BuyerId}", BuyerResponse.From(state));
        });

        buyers.MapGet("/{buyerId}", async (string buyerId, HttpContext http, ShowroomSystem showroom) =>
        {
            var state = await showroom.AskForAsync<BuyerState>(showroom.Buyers, new GetBuyer(buyerId), http.RequestAborted);
            return Results.Ok(BuyerResponse.From(state));
        });

        buyers.MapPut("/{buyerId}/plans/{year}", async (string buyerId, string year, HttpRequest request, ShowroomSystem showroom) =>
        {
            var planYear = ParseYear(year);
            var body = await RequestJson.ReadAsync<PlanRequest>(request);
            var state = await showroom.AskForAsync<BuyerState>(showroom.Buyers, body.ToCommand(buyerId, planYear), request.HttpContext.RequestAborted);
            return Results.Ok(PlanResponse.From(buyerId, state.PlanFor(planYear)!));
        });

        buyers.MapPost("/{buyerId}/external-purchases", async (string buyerId, HttpRequest request, ShowroomSystem showroom) =>
        {
            var body = await RequestJson.ReadAsync<ExternalPurchaseRequest>(request);
            var target = await showroom.AskForAsync<CreditTarget>(showroom.Buyers, new GetCreditTarget(buyerId), request.HttpContext.RequestAborted);
            if (!target.KeepsPurchases)
                throw new ProblemException(Problems.From(Rejection.Unprocessable("Individuals' purchases are not kept in an account.", "buyerId")));
            var command = body.ToCommand(target);
            var state = await showroom.AskForAsync<BuyerState>(showroom.Buyers, command, request.HttpContext.RequestAborted);
            var recorded = state.ExternalPurchases[ExternalPurchase.KeyOf(command.Reference, command.ViaUnionId)];
            return Results.Created($"/api/v1/buyers/{buyerId}/external-purchases/{command.Reference}",
                ExternalPurchaseResponse.From(buyerId, recorded, target.AccountId));
        });

        buyers.MapGet("/{buyerId}/quota/{year}", async (string buyerId, string year, HttpContext http, ShowroomSystem showroom) =>
        {
            var figures = await showroom.AskForAsync<QuotaFigures>(showroom.Buyers, new GetQuota(buyerId, ParseYear(year)), http.RequestAborted);
            return Results.Ok(QuotaResponse.From(buyerId, figures));
        });

        buyers.MapGet("/{buyerId}/statement", async (string buyerId, string? from, string? to, string? format, HttpContext http, ShowroomSystem showroom) =>
        {
            var (first, last) = Statements.Period(showroom, from, to);
            var html = format switch
            {
                null or "json" => false,
                "html" => true,
                _ => throw new ProblemException(Problems.BadRequest("format", "'format' must be 'json' or 'html'.")),
            };
            var statement = await Statements.ReadAsync(showroom, buyerId, first, last, http.RequestAborted);
            return html ? Statements.Page(showroom, statement, first, last) : Results.Ok(StatementResponse.Of(statement, first, last));
        });
    }

    private static T Expect<T>(object answer) => answer switch
    {
        T value => value,
        Rejection rejection => throw new ProblemException(Problems.From(rejection)),
        _ => throw new InvalidOperationException($"Unexpected answer {answer.GetType().Name}."),
    };

    /// <summary>A route year, or a 400 naming <c>year</c>.</summary>
    public static int ParseYear(string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && QuotaCalendar.CheckYear(year) is null) return year;
        throw new ProblemException(Problems.BadRequest("year", $"'year' must be a year from {QuotaCalendar.MinYear} to {QuotaCalendar.MaxYear}."));
    }
}
