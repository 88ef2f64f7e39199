using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Orders;

namespace ShowroomActors.Application.Orders;

/// <summary>An order and its history (derived from its events).</summary>
public sealed record OrderDetails(OrderView Order, IReadOnlyList<OrderHistoryEntry> History);

/// <summary>
/// Ordering: placing an order once per idempotency key, reading an order with its history, and the lifecycle steps
/// (pay, ship, deliver, inspect, cancel, refund).
/// </summary>
public sealed class OrderUseCases(ActorGateway actors, OrderHistoryReader history)
{
    /// <summary>
    /// Places <paramref name="request"/> under <paramref name="idempotencyKey"/>: the first request with a key places
    /// a new order; the same key and request again get the first answer (the same order); the same key with another
    /// request is refused (422). Requests that fail validation, or ask for more units than one order may hold, are not
    /// recorded against the key (as Stripe does).
    /// </summary>
    public async Task<Outcome<OrderPlacementResult>> PlaceAsync(string idempotencyKey, OrderRequest request, CancellationToken cancel)
    {
        if ((IdempotencyKey.Check(idempotencyKey) ?? request.Validate() ?? actors.OrderPolicy.CheckUnits(request)) is { } invalid) return invalid;
        var command = new PlaceOrderOnce(IdempotencyKey.Hash(idempotencyKey), request.Fingerprint(), Guid.CreateVersion7().ToString(), request);
        var reply = await actors.AskAsync(command, cancel);
        return reply is OrderReply.Placement { Result: var result } ? result : reply.Refusal();
    }

    public Task<Outcome<OrderDetails>> GetAsync(string orderId, CancellationToken cancel) => StepAsync(orderId, id => new GetOrder(id), cancel);

    /// <summary>A payment notification: it must carry the order total; the same payment again changes nothing.</summary>
    public Task<Outcome<OrderDetails>> PayAsync(string orderId, Fen amount, string? paymentRef, CancellationToken cancel) =>
        StepAsync(orderId, id => new PayOrder(id, amount, paymentRef), cancel);

    public Task<Outcome<OrderDetails>> ShipAsync(string orderId, string? trackingNo, CancellationToken cancel) =>
        StepAsync(orderId, id => new ShipOrder(id, trackingNo), cancel);

    public Task<Outcome<OrderDetails>> DeliverAsync(string orderId, CancellationToken cancel) =>
        StepAsync(orderId, id => new DeliverOrder(id), cancel);

    /// <summary>Receipt confirmed, with the invoice number.</summary>
    public Task<Outcome<OrderDetails>> InspectAsync(string orderId, string invoiceNo, CancellationToken cancel) =>
        StepAsync(orderId, id => new InspectOrder(id, invoiceNo), cancel);

    public Task<Outcome<OrderDetails>> CancelAsync(string orderId, string? reason, CancellationToken cancel) =>
        StepAsync(orderId, id => new CancelOrder(id, reason), cancel);

    public Task<Outcome<OrderDetails>> RefundAsync(string orderId, string? reason, CancellationToken cancel) =>
        StepAsync(orderId, id => new RefundOrder(id, reason), cancel);

    /// <summary>
    /// An order id in the canonical form its entity uses (a GUID, lower case with dashes); anything else names no order.
    /// </summary>
    public static Outcome<string> ParseOrderId(string text) =>
        Guid.TryParse(text, out var id) ? id.ToString() : Rejection.NotFound($"'{text}' is not an order id.", "orderId");

    private async Task<Outcome<OrderDetails>> StepAsync(string orderIdText, Func<string, IOrderCommand> command, CancellationToken cancel)
    {
        var orderId = ParseOrderId(orderIdText);
        if (!orderId.IsAccepted) return orderId.Rejection;
        var reply = await actors.AskAsync(command(orderId.Value), cancel);
        if (reply is not OrderReply.Viewed { Order: var order }) return reply.Refusal();
        try
        {
            return new OrderDetails(order, await history.ReadAsync(order.OrderId, cancel));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancel.IsCancellationRequested)
        {
            // The step is recorded; only its history could not be read (the journal's database is failing).
            return Rejection.Unavailable($"Order '{order.OrderId}' answered, but its history could not be read: {e.Message} Read it again.");
        }
    }
}
