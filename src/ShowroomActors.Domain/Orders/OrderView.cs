using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Orders;

/// <summary>
/// An order as readers see it: the request, its lines with the prices reserved, where it stands (status and its side
/// of the stock ledger), payment, shipment, and the updates it sent its buyer's quota account. Its history is not
/// part of it: that is read from the order's events (<see cref="OrderHistory"/>).
/// </summary>
public sealed record OrderView(
    string OrderId,
    OrderStatus Status,
    OrderRequest Request,
    LedgerStep Ledger,
    IReadOnlyList<OrderLine> Lines,
    Fen Total,
    Fen Paid,
    Fen Refunded,
    DateTimeOffset? PlacedAt,
    DateTimeOffset? ExpiresAt,
    string? PaymentRef,
    string? TrackingNo,
    string? InvoiceNo,
    string? CancelReason,
    Rejection? Rejection,
    CreditTarget? CreditTarget,
    IReadOnlyList<QuotaUpdate> QuotaUpdates)
{
    public static OrderView Of(OrderState s) => new(
        s.OrderId,
        s.Status,
        s.Request ?? throw new InvalidOperationException($"Order '{s.OrderId}' does not exist."),
        s.Ledger,
        s.Lines,
        s.Total,
        s.Paid,
        s.Refunded,
        s.PlacedAt,
        s.ExpiresAt,
        s.PaymentRef,
        s.TrackingNo,
        s.InvoiceNo,
        s.CancelReason,
        s.Rejection,
        s.CreditTarget,
        s.QuotaUpdates);
}
