using Microsoft.AspNetCore.Mvc;
using ShowroomActors.Actors;
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

        orders.MapPost("/", async (HttpRequest request, ShowroomSystem showroom) =>
        {
            var key = request.Headers[IdempotencyKey.Header].ToString();
            if (request.Headers[IdempotencyKey.Header].Count > 1)
                return Problems.BadRequest(IdempotencyKey.Header, $"Send one '{IdempotencyKey.Header}' header.");
            if (IdempotencyKey.Check(key) is { } badKey) return Problems.From(badKey);
            // Requests that fail validation are not recorded against the key (as Stripe does): fix and resend.
            var body = await RequestJson.ReadAsync<PlaceOrderRequest>(request);
            var order = body.ToDomain();
            var command = new PlaceOrderOnce(IdempotencyKey.Hash(key), order.Fingerprint(), Guid.CreateVersion7().ToString(), order);
            var answer = await showroom.AskAsync(showroom.IdempotencyKeys, command, request.HttpContext.RequestAborted);
            return answer switch
            {
                OrderPlacementResult result => Placement(result),
                Rejection rejection => Problems.From(rejection),
                _ => throw new InvalidOperationException($"Unexpected answer {answer.GetType().Name} to {nameof(PlaceOrderOnce)}."),
            };
        });

        orders.MapGet("/{orderId}", async (string orderId, HttpContext http, ShowroomSystem showroom) =>
            Results.Ok(OrderResponse.From(await showroom.AskForAsync<OrderState>(showroom.Orders, new GetOrder(OrderId(orderId)), http.RequestAborted))));

        orders.MapPost("/{orderId}/pay", async (string orderId, HttpRequest request, ShowroomSystem showroom) =>
        {
            var body = await RequestJson.ReadAsync<PayOrderRequest>(request);
            return await StepAsync(showroom, request, new PayOrder(OrderId(orderId),
                new Fen(RequestJson.Required(body.AmountFen, "amountFen")), body.PaymentRef));
        }).RequireOperator();

        orders.MapPost("/{orderId}/ship", async (string orderId, HttpRequest request, ShowroomSystem showroom) =>
        {
            var body = await OptionalBodyAsync(request, new ShipOrderRequest(null));
            return await StepAsync(showroom, request, new ShipOrder(OrderId(orderId), body.TrackingNo));
        }).RequireOperator();

        orders.MapPost("/{orderId}/deliver", (string orderId, HttpRequest request, ShowroomSystem showroom) =>
            StepAsync(showroom, request, new DeliverOrder(OrderId(orderId)))).RequireOperator();

        orders.MapPost("/{orderId}/inspect", async (string orderId, HttpRequest request, ShowroomSystem showroom) =>
        {
            var body = await RequestJson.ReadAsync<InspectOrderRequest>(request);
            return await StepAsync(showroom, request, new InspectOrder(OrderId(orderId), RequestJson.Required(body.InvoiceNo, "invoiceNo")));
        }).RequireOperator();

        orders.MapPost("/{orderId}/cancel", async (string orderId, HttpRequest request, ShowroomSystem showroom) =>
        {
            var body = await OptionalBodyAsync(request, new ReasonRequest(null));
            return await StepAsync(showroom, request, new CancelOrder(OrderId(orderId), body.Reason));
        }).RequireOperator();

        orders.MapPost("/{orderId}/refund", async (string orderId, HttpRequest request, ShowroomSystem showroom) =>
        {
            var body = await OptionalBodyAsync(request, new ReasonRequest(null));
            return await StepAsync(showroom, request, new RefundOrder(OrderId(orderId), body.Reason));
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

    private static async Task<IResult> StepAsync(ShowroomSystem showroom, HttpRequest request, IOrderCommand command)
    {
        var state = await showroom.AskForAsync<OrderState>(showroom.Orders, command, request.HttpContext.RequestAborted);
        return Results.Ok(OrderResponse.From(state));
    }

    /// <summary>An order id from the path, in the canonical form its entity uses; anything else names no order (404).</summary>
    private static string OrderId(string text) =>
        Guid.TryParse(text, out var id)
            ? id.ToString()
            : throw new ProblemException(Problems.From(Rejection.NotFound($"'{text}' is not an order id.", "orderId")));

    private static async Task<T> OptionalBodyAsync<T>(HttpRequest request, T empty) where T : class =>
        request.ContentLength is null or 0 && !request.HasJsonContentType() ? empty : await RequestJson.ReadAsync<T>(request);
}
