using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Orders;

/// <summary>An event in an order's journal. Each carries its instant so the history needs no envelope.</summary>
public interface IOrderEvent : IDomainEvent
{
    string OrderId { get; }
    DateTimeOffset At { get; }
}

/// <summary>The intent, recorded before any product is asked to reserve.</summary>
public sealed record OrderPlaced(string OrderId, OrderRequest Request, DateTimeOffset At) : IOrderEvent;

/// <summary>Every line holds stock at these prices; unpaid, the reservation lapses at <paramref name="ExpiresAt"/>.</summary>
public sealed record OrderReserved(string OrderId, IReadOnlyList<PricedLine> Lines, Fen Total, DateTimeOffset ExpiresAt, DateTimeOffset At) : IOrderEvent;

/// <summary>A line could not be reserved; <paramref name="Rejection"/> names it (e.g. <c>lines[1].quantity</c>).</summary>
public sealed record OrderRejected(string OrderId, Rejection Rejection, DateTimeOffset At) : IOrderEvent;

public sealed record OrderPaid(string OrderId, Fen Amount, string? PaymentRef, DateTimeOffset At) : IOrderEvent;

public sealed record OrderShipped(string OrderId, string? TrackingNo, DateTimeOffset At) : IOrderEvent;

/// <summary>Every product took the shipped units off its shelf.</summary>
public sealed record OrderStockCommitted(string OrderId, DateTimeOffset At) : IOrderEvent;

public sealed record OrderDelivered(string OrderId, DateTimeOffset At) : IOrderEvent;

public sealed record OrderInspected(string OrderId, string InvoiceNo, DateTimeOffset At) : IOrderEvent;

public sealed record OrderCancelled(string OrderId, string Reason, DateTimeOffset At) : IOrderEvent;

/// <summary>The reservation lapsed unpaid (a cancellation by the clock).</summary>
public sealed record OrderExpired(string OrderId, DateTimeOffset ExpiresAt, DateTimeOffset At) : IOrderEvent;

public sealed record OrderRefunded(string OrderId, Fen Amount, string? Reason, DateTimeOffset At) : IOrderEvent;

/// <summary>Every product gave the order's held units back.</summary>
public sealed record OrderReservationsReleased(string OrderId, DateTimeOffset At) : IOrderEvent;
