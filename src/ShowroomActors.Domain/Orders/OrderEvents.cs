using ShowroomActors.Domain.Buyers;
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

/// <summary>
/// Every line holds stock at these prices; unpaid, the reservation lapses at <paramref name="ExpiresAt"/>. Records
/// what the quota tally will need: each line's certification, and where the buyer's purchases are credited
/// (<paramref name="CreditTarget"/>, the buyer account's answer at placement; null for an order without a buyer).
/// </summary>
public sealed record OrderReserved(
    string OrderId, IReadOnlyList<ReservedLine> Lines, Fen Total, DateTimeOffset ExpiresAt, CreditTarget? CreditTarget, DateTimeOffset At) : IOrderEvent;

/// <summary>A line could not be reserved; <paramref name="Rejection"/> names it (e.g. <c>lines[1].quantity</c>). Everything is released.</summary>
public sealed record OrderRejected(string OrderId, Rejection Rejection, DateTimeOffset At) : IOrderEvent;

/// <summary>
/// Refused before any product was asked (the buyer account or the slot does not exist); <paramref name="Rejection"/>
/// names the field. No product ever held stock for the order, so there is nothing to release.
/// </summary>
public sealed record OrderDeclined(string OrderId, Rejection Rejection, DateTimeOffset At) : IOrderEvent;

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

/// <summary>
/// The order's milestone (<paramref name="At"/>: payment or inspection, per policy) is to be credited to buyer account
/// <paramref name="AccountId"/> (via trade union <paramref name="ViaUnionId"/>). Recorded with the milestone in one
/// write; the order sends the credit until the account acknowledges it.
/// </summary>
public sealed record OrderQuotaCreditDue(
    string OrderId, string AccountId, string? ViaUnionId, Fen CertifiedFen, Fen TotalFen, DateTimeOffset At) : IOrderEvent;

/// <summary>The money went back (<paramref name="At"/>: refund, or cancellation of a paid order): the account's credit is to be reversed.</summary>
public sealed record OrderQuotaReversalDue(string OrderId, string AccountId, DateTimeOffset At) : IOrderEvent;

/// <summary>The account acknowledged the order's pending <paramref name="Update"/>; <paramref name="Status"/> is where the order now stands there.</summary>
public sealed record OrderQuotaAcknowledged(
    string OrderId, QuotaUpdateKind Update, string AccountId, OrderCreditStatus Status, DateTimeOffset At) : IOrderEvent;

/// <summary>The account refused the pending <paramref name="Update"/> for good (not a transient failure); it is not sent again.</summary>
public sealed record OrderQuotaRefused(
    string OrderId, QuotaUpdateKind Update, string AccountId, Rejection Rejection, DateTimeOffset At) : IOrderEvent;
