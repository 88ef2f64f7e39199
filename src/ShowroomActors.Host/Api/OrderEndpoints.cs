using Microsoft.AspNetCore.Mvc;
using ShowroomActors.Application.Orders;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Orders;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.Api;

/// <summary>
/// Orders: <c>POST /api/v1/orders</c> (idempotent by the <c>Idempotency-Key</c> header), <c>GET /api/v1/orders/{orderId}</c>
/// and the operator's lifecycle steps <c>POST /api/v1/orders/{orderId}/{pay,ship,deliver,inspect,cancel,refund}</c>.
/// </summary>
public static class OrderEndpoints
{
    public static void MapOrderEndpoints(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/v1/orders").AddEndpointFilter<ProblemFilter>();

        orders.MapPost("/", async (HttpRequest request, OrderUseCases ordering) =>
        {
            if (request.Headers[IdempotencyKey.Header].Count > 1)
                return Problems.BadRequest(IdempotencyKey.Header, $"Send one '{IdempotencyKey.Header}' header.");
            var key = request.Headers[IdempotencyKey.Header].ToString();
            if (IdempotencyKey.Check(key) is { } badKey) return Problems.From(badKey);
            var body = await RequestJson.ReadAsync<PlaceOrderRequest>(request);
            return (await ordering.PlaceAsync(key, body.ToDomain(), request.HttpContext.RequestAborted)).ToResult(Placement);
        });

        orders.MapGet("/{orderId}", async (string orderId, HttpContext http, OrderUseCases ordering) =>
            (await ordering.GetAsync(orderId, http.RequestAborted)).ToOk(OrderResponse.From));

        orders.MapPost("/{orderId}/pay", async (string orderId, HttpRequest request, OrderUseCases ordering) =>
        {
            var body = await RequestJson.ReadAsync<PayOrderRequest>(request);
            var amount = new Fen(RequestJson.Required(body.AmountFen, "amountFen"));
            return (await ordering.PayAsync(orderId, amount, body.PaymentRef, request.HttpContext.RequestAborted)).ToOk(OrderResponse.From);
        }).RequireOperator();

        orders.MapPost("/{orderId}/ship", async (string orderId, HttpRequest request, OrderUseCases ordering) =>
        {
            var body = await OptionalBodyAsync(request, new ShipOrderRequest(null));
            return (await ordering.ShipAsync(orderId, body.TrackingNo, request.HttpContext.RequestAborted)).ToOk(OrderResponse.From);
        }).RequireOperator();

        orders.MapPost("/{orderId}/deliver", async (string orderId, HttpRequest request, OrderUseCases ordering) =>
            (await ordering.DeliverAsync(orderId, request.HttpContext.RequestAborted)).ToOk(OrderResponse.From)).RequireOperator();

        orders.MapPost("/{orderId}/inspect", async (string orderId, HttpRequest request, OrderUseCases ordering) =>
        {
            var body = await RequestJson.ReadAsync<InspectOrderRequest>(request);
            var invoiceNo = RequestJson.Required(body.InvoiceNo, "invoiceNo");
            return (await ordering.InspectAsync(orderId, invoiceNo, request.HttpContext.RequestAborted)).ToOk(OrderResponse.From);
        }).RequireOperator();

        orders.MapPost("/{orderId}/cancel", async (string orderId, HttpRequest request, OrderUseCases ordering) =>
        {
            var body = await OptionalBodyAsync(request, new ReasonRequest(null));
            return (await ordering.CancelAsync(orderId, body.Reason, request.HttpContext.RequestAborted)).ToOk(OrderResponse.From);
        }).RequireOperator();

        orders.MapPost("/{orderId}/refund", async (string orderId, HttpRequest request, OrderUseCases ordering) =>
        {
            var body = await OptionalBodyAsync(request, new ReasonRequest(null));
            return (await ordering.RefundAsync(orderId, body.Reason, request.HttpContext.RequestAborted)).ToOk(OrderResponse.From);
        }).RequireOperator();
    }

    /// <summary>
    /// The HTTP form of a settled placement. Deterministic (no trace id, no clock), so a replay under the same key
    /// is byte-for-byte the first answer: 201 with the order, or the problem that rejected it.
    /// </summary>
    public static IResult Placement(OrderPlacementResult result)
    {
        if (result.Order is { } order)
            return Results.Created($"/api/v1/orders/{order.OrderId}", OrderPlacedResponse.From(order));
        var rejection = result.Rejection ?? throw new InvalidOperationException("A placement result holds an order or a rejection.");
        var status = Problems.StatusOf(rejection.Code);
        var problem = new ProblemDetails
        {
            Type = status switch
            {
                StatusCodes.Status422UnprocessableEntity => "https://tools.ietf.org/html/rfc4918#section-11.2",
                StatusCodes.Status503ServiceUnavailable => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
                _ => $"https://tools.ietf.org/html/rfc9110#section-15.5.{status - 399}",
            },
            Title = Problems.TitleOf(rejection.Code),
            Status = status,
            Detail = rejection.Message,
            Instance = $"/api/v1/orders/{result.OrderId}",
        };
        if (rejection.Field is not null) problem.Extensions["field"] = rejection.Field;
        problem.Extensions["orderId"] = result.OrderId;
        return Results.Json(problem, statusCode: status, contentType: "application/problem+json");
    }

    private static async Task<T> OptionalBodyAsync<T>(HttpRequest request, T empty) where T : class =>
        request.ContentLength is null or 0 && !request.HasJsonContentType() ? empty : await RequestJson.ReadAsync<T>(request);
}
