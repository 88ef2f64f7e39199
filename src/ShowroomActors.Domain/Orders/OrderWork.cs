
namespace ShowroomActors.Domain.Orders;

/// <summary>
/// What an order still has to do, folded from its events alone: its ledger step, the payment deadline while it waits
/// to be paid, and how many buyer updates are unanswered. The order sweeper keeps one per unfinished order (a read
/// model of the order tag) to wake orders nobody else will: after a crash or restart (an order's open work is lost
/// with its node), and at the payment deadline of an order that passivated while it waited. Pure.
/// </summary>
public sealed record OrderWork(LedgerStep Ledger, DateTimeOffset? PaymentDue, int QuotaPending, DateTimeOffset LastEventAt)
{
    /// <summary>An order the read model no longer holds: finished, its stock side closed (later events may reopen work).</summary>
    public static OrderWork Finished(DateTimeOffset at) => new(LedgerStep.Released, null, 0, at);

    /// <summary>True while the order has a step to finish at other entities (products, its buyer account).</summary>
    public bool HasOpenWork => Ledger is LedgerStep.Reserving or LedgerStep.Committing or LedgerStep.Releasing || QuotaPending > 0;

    /// <summary>
    /// True when nothing about the order needs remembering: no open step, no payment deadline, and no stock held (a paid
    /// order waiting for shipment is kept, since a refund would release its stock).
    /// </summary>
    public bool IsFinished => !HasOpenWork && PaymentDue is null && Ledger != LedgerStep.Held;

    /// <summary>
    /// When the order must be running: open work that should have finished within <paramref name="grace"/> of the last
    /// event (a running order finishes in milliseconds, so only a lost one is still open then); else the payment
    /// deadline; else never (null).
    /// </summary>
    public DateTimeOffset? WakeAt(TimeSpan grace) => HasOpenWork ? LastEventAt + grace : PaymentDue;

    public static OrderWork Apply(OrderWork work, IOrderEvent e) => work with
    {
        Ledger = OrderState.LedgerAfter(work.Ledger, e),
        PaymentDue = e switch
        {
            OrderReserved r => r.ExpiresAt,
            OrderPaid or OrderCancelled or OrderExpired or OrderRejected or OrderDeclined => null,
            _ => work.PaymentDue,
        },
        QuotaPending = e switch
        {
            OrderQuotaCreditDue or OrderQuotaReversalDue => work.QuotaPending + 1,
            OrderQuotaAcknowledged or OrderQuotaRefused => Math.Max(0, work.QuotaPending - 1),
            _ => work.QuotaPending,
        },
        LastEventAt = e.At,
    };
}
