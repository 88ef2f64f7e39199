using Microsoft.AspNetCore.Http.HttpResults;
using ShowroomActors.Application.Orders;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Orders;
using ShowroomActors.Host.Http;
using ShowroomActors.Host.OpenApi;

namespace ShowroomActors.Host.Api;

/// <summary>
/// Orders: <c>POST /api/v1/orders</c> (idempotent by the <c>Idempotency-Key</c> header, rate limited per client address
/// without an operator key), <c>GET /api/v1/orders/{orderId}</c> and the operator's lifecycle steps
/// <c>POST /api/v1/orders/{orderId}/{pay,ship,deliver,inspect,cancel,refund}</c>.
/// </summary>
public static class OrderEndpoints
{
    public static void MapOrderEndpoints(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/v1/orders").WithTags("Orders");

        orders.MapPost("/", async Task<Results<Created<OrderPlacedResponse>, JsonHttpResult<Microsoft.AspNetCore.Mvc.ProblemDetails>, ProblemHttpResult>> (
            HttpRequest request, JsonBody<PlaceOrderRequest> body, OrderUseCases ordering, CancellationToken cancel) =>
        {
            var keys = request.Headers[IdempotencyKey.Header];
            if (keys.Count > 1) return Problems.BadRequest(IdempotencyKey.Header, $"Send one '{IdempotencyKey.Header}' header.");
            var placed = await ordering.PlaceAsync(keys.ToString(), body.Value.ToDomain(), cancel);
            return placed.IsAccepted ? Placement(placed.Value, request.HttpContext) : Problems.From(placed.Rejection);
        }).RequireRateLimiting(RateLimits.AnonymousOrders)
            .WithSummary("Place an order once per Idempotency-Key: the same key and body replay the first answer; another body under the key: 422.")
            .WithExample(new ApiExample(201, Headers: new Dictionary<string, string> { [IdempotencyKey.Header] = "example-order-0001" },
                Body: new { channel = "web", lines = new[] { new { productId = "dongyuan-simiao-rice-5kg", quantity = 1 } } }));

        orders.MapGet("/{orderId}", async (string orderId, OrderUseCases ordering, CancellationToken cancel) =>
            (await ordering.GetAsync(orderId, cancel)).ToOk(OrderResponse.From))
            .WithSummary("An order with its lines, totals, quota updates and history.");

        var steps = orders.MapGroup("/{orderId}").RequireOperator();

        steps.MapPost("/pay", async (string orderId, JsonBody<PayOrderRequest> body, OrderUseCases ordering, CancellationToken cancel) =>
            (await ordering.PayAsync(orderId, new Fen(body.Value.AmountFen!.Value), body.Value.PaymentRef, cancel)).ToOk(OrderResponse.From))
            .WithSummary("A payment notification: the amount must equal the total; the same payment again is harmless.");

        steps.MapPost("/ship", async (string orderId, JsonBody<ShipOrderRequest> body, OrderUseCases ordering, CancellationToken cancel) =>
            (await ordering.ShipAsync(orderId, body.Value.TrackingNo, cancel)).ToOk(OrderResponse.From))
            .WithSummary("Ship a paid order (its stock leaves the shelf).");

        steps.MapPost("/deliver", async (string orderId, OrderUseCases ordering, CancellationToken cancel) =>
            (await ordering.DeliverAsync(orderId, cancel)).ToOk(OrderResponse.From))
            .WithSummary("Record delivery of a shipped order.");

        steps.MapPost("/inspect", async (string orderId, JsonBody<InspectOrderRequest> body, OrderUseCases ordering, CancellationToken cancel) =>
            (await ordering.InspectAsync(orderId, body.Value.InvoiceNo!, cancel)).ToOk(OrderResponse.From))
            .WithSummary("Receipt confirmed, with the invoice number.");

        steps.MapPost("/cancel", async (string orderId, JsonBody<ReasonRequest> body, OrderUseCases ordering, CancellationToken cancel) =>
            (await ordering.CancelAsync(orderId, body.Value.Reason, cancel)).ToOk(OrderResponse.From))
            .WithSummary("Cancel before shipment (releases the stock).");

        steps.MapPost("/refund", async (string orderId, JsonBody<ReasonRequest> body, OrderUseCases ordering, CancellationToken cancel) =>
            (await ordering.RefundAsync(orderId, body.Value.Reason, cancel)).ToOk(OrderResponse.From))
            .WithSummary("Return the payment in full (before shipment it also releases the stock).");
    }

    /// <summary>
    /// The HTTP form of a settled placement. Deterministic (no trace id, no clock), so a replay under the same key
    /// is byte-for-byte the first answer: 201 with the order, or the problem that rejected it (with its order id).
    /// </summary>
    public static Results<Created<OrderPlacedResponse>, JsonHttpResult<Microsoft.AspNetCore.Mvc.ProblemDetails>, ProblemHttpResult> Placement(
        OrderPlacementResult result, HttpContext http)
    {
        if (result.Order is { } order)
            return TypedResults.Created($"/api/v1/orders/{order.OrderId}", OrderPlacedResponse.From(order));
        var rejection = result.Rejection ?? throw new InvalidOperationException("A placement result holds an order or a rejection.");
        var problem = Problems.Details(rejection, instance: $"/api/v1/orders/{result.OrderId}");
        problem.Extensions["orderId"] = result.OrderId;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
            http.Response.Headers.RetryAfter = Problems.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Json(problem, statusCode: problem.Status, contentType: "application/problem+json");
    }
}
