using System.Globalization;
using ShowroomActors.Domain.Buyers;

namespace ShowroomActors.Domain.Orders;

/// <summary>
/// An order's history, derived from its events (never kept in its state): for each event when it happened, its name,
/// the status after it and a short detail a person can read.
/// </summary>
public static class OrderHistory
{
    /// <summary>The history of an order whose events, in order, are <paramref name="events"/>.</summary>
    public static IReadOnlyList<OrderHistoryEntry> Of(IEnumerable<IOrderEvent> events)
    {
        var entries = new List<OrderHistoryEntry>();
        var state = OrderState.Empty("");
        foreach (var e in events)
        {
            state = OrderState.Apply(state, e);
            entries.Add(new OrderHistoryEntry(e.At, EventName(e), state.Status, Detail(e)));
        }
        return entries;
    }

    /// <summary>The event as the history names it (<c>quota-credit-due</c>).</summary>
    public static string EventName(IOrderEvent e) => e switch
    {
        OrderPlaced => "placed",
        OrderReserved => "reserved",
        OrderRejected => "rejected",
        OrderDeclined => "declined",
        OrderPaid => "paid",
        OrderShipped => "shipped",
        OrderStockCommitted => "stock-committed",
        OrderDelivered => "delivered",
        OrderInspected => "inspected",
        OrderCancelled => "cancelled",
        OrderExpired => "expired",
        OrderRefunded => "refunded",
        OrderReservationsReleased => "reservations-released",
        OrderQuotaCreditDue => "quota-credit-due",
        OrderQuotaReversalDue => "quota-reversal-due",
        OrderQuotaAcknowledged => "quota-acknowledged",
        OrderQuotaRefused => "quota-refused",
        _ => e.GetType().Name,
    };

    private static string? Detail(IOrderEvent e) => e switch
    {
        OrderReserved r => string.Create(CultureInfo.InvariantCulture, $"total {r.Total.Value} fen, pay by {r.ExpiresAt:O}"),
        OrderRejected r => r.Rejection.Message,
        OrderDeclined d => d.Rejection.Message,
        OrderPaid p => string.Create(CultureInfo.InvariantCulture, $"{p.Amount.Value} fen{(p.PaymentRef is null ? "" : $", payment {p.PaymentRef}")}"),
        OrderShipped { TrackingNo: { } tracking } => $"tracking {tracking}",
        OrderInspected i => $"invoice {i.InvoiceNo}",
        OrderCancelled c => c.Reason,
        OrderRefunded r => string.Create(CultureInfo.InvariantCulture, $"{r.Amount.Value} fen{(r.Reason is null ? "" : $": {r.Reason}")}"),
        OrderQuotaCreditDue c => string.Create(CultureInfo.InvariantCulture,
            $"credit {c.TotalFen.Value} fen ({c.CertifiedFen.Value} certified) to {c.AccountId}{(c.ViaUnionId is null ? "" : $" via {c.ViaUnionId}")}"),
        OrderQuotaReversalDue r => $"reverse the credit at {r.AccountId}",
        OrderQuotaAcknowledged a => $"{a.AccountId}: {OrderState.CreditStatusText(a.Status)}",
        OrderQuotaRefused r => $"{r.AccountId} refused the {(r.Update == QuotaUpdateKind.Credit ? "credit" : "reversal")}: {r.Rejection.Message}",
        _ => null,
    };
}
