using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Orders;

/// <summary>A command for one order entity (<c>order-{orderId}</c>).</summary>
public interface IOrderCommand : IEntityCommand
{
    string OrderId { get; }
    string IEntityCommand.EntityId => OrderId;
}

/// <summary>
/// Record the order's intent and start reserving. Repeating it with the same request is harmless and is answered
/// (with <see cref="OrderReply.Placement"/>) once the placement is settled: reserved, or rejected with nothing held.
/// </summary>
public sealed record PlaceOrder(string OrderId, OrderRequest Request) : IOrderCommand;

/// <summary>
/// Wake the order so it carries on with whatever it left unfinished (sent by the order sweeper after a restart, or at
/// the payment deadline of an order that passivated while waiting). Not answered.
/// </summary>
public sealed record ResumeOrder(string OrderId) : IOrderCommand;

/// <summary>Read the order. Answered with its <see cref="OrderView"/>, or not found.</summary>
public sealed record GetOrder(string OrderId) : IOrderCommand;

/// <summary>
/// A payment notification. Must carry the order total; a repeat of the same payment (notifications arrive twice
/// and out of order) changes nothing.
/// </summary>
public sealed record PayOrder(string OrderId, Fen Amount, string? PaymentRef) : IOrderCommand;

public sealed record ShipOrder(string OrderId, string? TrackingNo) : IOrderCommand;

public sealed record DeliverOrder(string OrderId) : IOrderCommand;

/// <summary>Receipt confirmed by the buyer, with the invoice number.</summary>
public sealed record InspectOrder(string OrderId, string InvoiceNo) : IOrderCommand;

/// <summary>Cancel before shipment; releases the reservations.</summary>
public sealed record CancelOrder(string OrderId, string? Reason) : IOrderCommand;

/// <summary>Return the payment in full. Before shipment this also releases the reservations.</summary>
public sealed record RefundOrder(string OrderId, string? Reason) : IOrderCommand;
