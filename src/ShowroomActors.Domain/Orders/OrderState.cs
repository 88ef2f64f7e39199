using System.Collections.Immutable;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Orders;

/// <summary>
/// An order: its lines, prices, status and its side of the stock ledger (its history is derived from its events by
/// <see cref="OrderHistory"/>). Pure:
/// <see cref="Decide"/> turns a command into events or a rejection; <see cref="Apply"/> folds one event in.
/// The cross-entity steps (reserve, commit, release at each product) are decided in <see cref="OrderProcess"/>, the
/// updates of the buyer's quota account in <see cref="OrderQuota"/>.
/// </summary>
public sealed record OrderState : IShowroomMessage
{
    public const int MaxTextLength = 200;

    public string OrderId { get; init; } = "";
    public OrderRequest? Request { get; init; }
    public OrderStatus Status { get; init; }
    public LedgerStep Ledger { get; init; }
    public ImmutableList<OrderLine> Lines { get; init; } = [];
    public Fen Total { get; init; }
    public DateTimeOffset? PlacedAt { get; init; }
    public DateTimeOffset? ReservedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? PaidAt { get; init; }
    public Fen Paid { get; init; }
    public string? PaymentRef { get; init; }
    public string? TrackingNo { get; init; }
    public string? InvoiceNo { get; init; }
    public string? CancelReason { get; init; }
    public Fen Refunded { get; init; }
    public Rejection? Rejection { get; init; }
    /// <summary>Where the buyer's purchases are credited, as the buyer account answered when the order was placed; null without a buyer.</summary>
    public CreditTarget? CreditTarget { get; init; }
    /// <summary>The updates of the buyer's quota account this order made due, in order, with their answers.</summary>
    public ImmutableList<QuotaUpdate> QuotaUpdates { get; init; } = [];

    public bool Exists => Request is not null;

    /// <summary>True while the order still has ledger steps to take at its products.</summary>
    public bool HasLedgerWork => Exists && Ledger is LedgerStep.Reserving or LedgerStep.Committing or LedgerStep.Releasing;

    /// <summary>True while an update of the buyer's quota account waits for the account's answer.</summary>
    public bool HasQuotaWork => QuotaUpdates.Any(u => u.IsPending);

    /// <summary>True while an unpaid reservation is waiting to be paid or to expire.</summary>
    public bool AwaitsPayment => Status == OrderStatus.Reserved;

    /// <summary>True when the unpaid reservation's time is up at <paramref name="now"/>.</summary>
    public bool IsExpiryDue(DateTimeOffset now) => Status == OrderStatus.Reserved && ExpiresAt is { } due && now >= due;

    /// <summary>The settled answer of the placement, or null while it is still reserving (or releasing after a rejection).</summary>
    public OrderPlacementResult? PlacementOutcome()
    {
        if (ReservedAt is not null && ExpiresAt is { } expires)
            return new OrderPlacementResult(OrderId,
                new OrderSummary(OrderId, OrderStatus.Reserved, Total, expires,
                    Lines.Select(l => new PricedLine(l.ProductId, l.Name ?? "", l.Quantity, l.UnitPrice ?? Fen.Zero)).ToList()),
                null);
        return Status == OrderStatus.Rejected && Ledger == LedgerStep.Released && Rejection is not null
            ? new OrderPlacementResult(OrderId, null, Rejection)
            : null;
    }

    public static OrderState Empty(string orderId) => new() { OrderId = orderId };

    public static Decision<IOrderEvent> Decide(OrderState state, IOrderCommand command, DateTimeOffset now)
    {
        if (command is PlaceOrder place) return Place(state, place, now);
        if (!state.Exists) return Rejection.NotFound($"Order '{command.OrderId}' does not exist.", "orderId");
        return command switch
        {
            PayOrder c => Pay(state, c, now),
            ShipOrder c => Step(state, "ship", OrderStatus.Paid, OrderStatus.Shipped,
                () => Text.Optional(c.TrackingNo, "trackingNo", 64), () => new OrderShipped(state.OrderId, c.TrackingNo, now)),
            DeliverOrder => Step(state, "deliver", OrderStatus.Shipped, OrderStatus.Delivered,
                () => null, () => new OrderDelivered(state.OrderId, now)),
            InspectOrder c => Inspect(state, c, now),
            CancelOrder c => Cancel(state, c, now),
            RefundOrder c => Refund(state, c, now),
            _ => Rejection.Invalid("command", $"An order does not handle {command.GetType().Name}."),
        };
    }

    /// <summary>The expiry of an unpaid reservation, when due at <paramref name="now"/>; else nothing.</summary>
    public static Decision<IOrderEvent> Expire(OrderState state, DateTimeOffset now) =>
        state.IsExpiryDue(now)
            ? Decision<IOrderEvent>.Accept(new OrderExpired(state.OrderId, state.ExpiresAt!.Value, now))
            : Decision<IOrderEvent>.Nothing();

    private static Decision<IOrderEvent> Place(OrderState state, PlaceOrder c, DateTimeOffset now)
    {
        if (c.Request.Validate() is { } invalid) return invalid;
        if (!state.Exists) return Decision<IOrderEvent>.Accept(new OrderPlaced(c.OrderId, c.Request, now));
        return state.Request!.Fingerprint() == c.Request.Fingerprint()
            ? Decision<IOrderEvent>.Nothing()
            : Rejection.Conflict($"Order '{c.OrderId}' was placed with another request.", "orderId");
    }

    private static Rejection IllegalStep(OrderState state, string step, string needs) =>
        Rejection.Conflict($"Cannot {step} order '{state.OrderId}': it is {Name(state.Status)} ({step} needs {needs}).", "status");

    /// <summary>A plain forward step: legal from <paramref name="from"/>, a harmless repeat once at <paramref name="to"/>.</summary>
    private static Decision<IOrderEvent> Step(OrderState state, string step, OrderStatus from, OrderStatus to,
        Func<Rejection?> validate, Func<IOrderEvent> evt)
    {
        if (validate() is { } invalid) return invalid;
        if (state.Status == to) return Decision<IOrderEvent>.Nothing();
        return state.Status == from ? Decision<IOrderEvent>.Accept(evt()) : IllegalStep(state, step, Name(from));
    }

    private static Decision<IOrderEvent> Pay(OrderState state, PayOrder c, DateTimeOffset now)
    {
        if (c.PaymentRef is not null && Ids.Check(c.PaymentRef, "paymentRef") is { } badRef) return badRef;
        if (c.Amount.Value <= 0) return Rejection.Invalid("amountFen", "'amountFen' must be positive.");
        if (state.PaidAt is not null)
        {
            // A payment notification for an order already paid: the same payment again is a harmless repeat.
            if (c.Amount == state.Paid && (c.PaymentRef is null || state.PaymentRef is null || c.PaymentRef == state.PaymentRef))
                return Decision<IOrderEvent>.Nothing();
            return Rejection.Conflict(
                $"Order '{state.OrderId}' is already paid ({state.Paid.Value} fen, payment '{state.PaymentRef ?? "-"}'); this is another payment: refund it.",
                c.Amount == state.Paid ? "paymentRef" : "amountFen");
        }
        if (state.Status != OrderStatus.Reserved) return IllegalStep(state, "pay", Name(OrderStatus.Reserved));
        if (c.Amount != state.Total)
            return Rejection.Unprocessable($"'amountFen' must equal the order total {state.Total.Value} fen, not {c.Amount.Value}.", "amountFen");
        return Decision<IOrderEvent>.Accept(new OrderPaid(state.OrderId, c.Amount, c.PaymentRef, now));
    }

    private static Decision<IOrderEvent> Inspect(OrderState state, InspectOrder c, DateTimeOffset now)
    {
        if (Text.Require(c.InvoiceNo, "invoiceNo", 64) is { } invalid) return invalid;
        if (state.Status == OrderStatus.Inspected)
            return state.InvoiceNo == c.InvoiceNo
                ? Decision<IOrderEvent>.Nothing()
                : Rejection.Conflict($"Order '{state.OrderId}' was inspected with invoice '{state.InvoiceNo}'.", "invoiceNo");
        return state.Status == OrderStatus.Delivered
            ? Decision<IOrderEvent>.Accept(new OrderInspected(state.OrderId, c.InvoiceNo, now))
            : IllegalStep(state, "inspect", Name(OrderStatus.Delivered));
    }

    private static Decision<IOrderEvent> Cancel(OrderState state, CancelOrder c, DateTimeOffset now)
    {
        if (Text.Optional(c.Reason, "reason", MaxTextLength) is { } invalid) return invalid;
        return state.Status switch
        {
            OrderStatus.Cancelled => Decision<IOrderEvent>.Nothing(),
            OrderStatus.Reserved or OrderStatus.Paid => Decision<IOrderEvent>.Accept(
                new OrderCancelled(state.OrderId, string.IsNullOrWhiteSpace(c.Reason) ? "cancelled by operator" : c.Reason, now)),
            _ => IllegalStep(state, "cancel", "reserved or paid: only before shipment"),
        };
    }

    private static Decision<IOrderEvent> Refund(OrderState state, RefundOrder c, DateTimeOffset now)
    {
        if (Text.Optional(c.Reason, "reason", MaxTextLength) is { } invalid) return invalid;
        if (state.Status == OrderStatus.Refunded) return Decision<IOrderEvent>.Nothing();
        return state.PaidAt is not null && state.Status is not OrderStatus.Placed and not OrderStatus.Rejected
            ? Decision<IOrderEvent>.Accept(new OrderRefunded(state.OrderId, state.Paid, c.Reason, now))
            : IllegalStep(state, "refund", "a payment");
    }

    public static OrderState Apply(OrderState state, IOrderEvent e)
    {
        var next = e switch
        {
            OrderPlaced p => state with
            {
                OrderId = p.OrderId,
                Request = p.Request,
                Status = OrderStatus.Placed,
                Lines = p.Request.Lines.Select(l => new OrderLine(l.ProductId, l.Quantity)).ToImmutableList(),
                PlacedAt = p.At,
            },
            OrderReserved r => state with
            {
                Status = OrderStatus.Reserved,
                Lines = r.Lines.Select(l => new OrderLine(l.ProductId, l.Quantity, l.Name, l.UnitPrice, l.Certified)).ToImmutableList(),
                Total = r.Total,
                ReservedAt = r.At,
                ExpiresAt = r.ExpiresAt,
                CreditTarget = r.CreditTarget,
            },
            OrderRejected r => state with { Status = OrderStatus.Rejected, Rejection = r.Rejection },
            OrderDeclined d => state with { Status = OrderStatus.Rejected, Rejection = d.Rejection },
            OrderPaid p => state with { Status = OrderStatus.Paid, PaidAt = p.At, Paid = p.Amount, PaymentRef = p.PaymentRef },
            OrderShipped s => state with { Status = OrderStatus.Shipped, TrackingNo = s.TrackingNo },
            OrderDelivered => state with { Status = OrderStatus.Delivered },
            OrderInspected i => state with { Status = OrderStatus.Inspected, InvoiceNo = i.InvoiceNo },
            OrderCancelled c => state with { Status = OrderStatus.Cancelled, CancelReason = c.Reason },
            OrderExpired => state with { Status = OrderStatus.Cancelled, CancelReason = "expired" },
            OrderRefunded r => state with { Status = OrderStatus.Refunded, Refunded = r.Amount },
            OrderQuotaCreditDue c => state with
            {
                QuotaUpdates = state.QuotaUpdates.Add(new QuotaUpdate(QuotaUpdateKind.Credit, c.AccountId, c.ViaUnionId, c.CertifiedFen, c.TotalFen, c.At)),
            },
            OrderQuotaReversalDue r => state with
            {
                QuotaUpdates = state.QuotaUpdates.Add(new QuotaUpdate(QuotaUpdateKind.Reversal, r.AccountId, null, Fen.Zero, Fen.Zero, r.At)),
            },
            OrderQuotaAcknowledged a => state with
            {
                QuotaUpdates = Answer(state.QuotaUpdates, a.Update, u => u with { Outcome = QuotaUpdateOutcome.Acknowledged, Status = a.Status }),
            },
            OrderQuotaRefused r => state with
            {
                QuotaUpdates = Answer(state.QuotaUpdates, r.Update, u => u with { Outcome = QuotaUpdateOutcome.Refused, Refusal = r.Rejection }),
            },
            _ => state,
        };
        return next with { Ledger = LedgerAfter(state.Ledger, e) };
    }

    /// <summary>
    /// The order's side of the stock ledger after <paramref name="e"/>: the one rule both the order and the order sweeper
    /// (<see cref="OrderWork"/>) fold, so they never disagree about which step is open.
    /// </summary>
    public static LedgerStep LedgerAfter(LedgerStep ledger, IOrderEvent e) => e switch
    {
        OrderPlaced => LedgerStep.Reserving,
        OrderReserved => LedgerStep.Held,
        OrderRejected => LedgerStep.Releasing,
        // Declined before any product was asked: nothing is held anywhere, so the stock side is closed at once.
        OrderDeclined => LedgerStep.Released,
        OrderShipped => LedgerStep.Committing,
        OrderStockCommitted => LedgerStep.Committed,
        OrderCancelled or OrderExpired => LedgerStep.Releasing,
        // Refunded before shipment: the goods never left, so their reservations go back to the shelf.
        OrderRefunded => ledger == LedgerStep.Held ? LedgerStep.Releasing : ledger,
        OrderReservationsReleased => LedgerStep.Released,
        _ => ledger,
    };

    /// <summary>Applies an answer to the first pending update of its kind.</summary>
    private static ImmutableList<QuotaUpdate> Answer(ImmutableList<QuotaUpdate> updates, QuotaUpdateKind kind, Func<QuotaUpdate, QuotaUpdate> answer)
    {
        var index = updates.FindIndex(u => u.IsPending && u.Kind == kind);
        return index < 0 ? updates : updates.SetItem(index, answer(updates[index]));
    }

    /// <summary>Where an order stands in a buyer account, as the API spells it (<c>closed-uncredited</c>).</summary>
    public static string CreditStatusText(OrderCreditStatus status) => status switch
    {
        OrderCreditStatus.Credited => "credited",
        OrderCreditStatus.Reversed => "reversed",
        _ => "closed-uncredited",
    };

    /// <summary>The status as the API spells it (<c>reserved</c>).</summary>
    public static string Name(OrderStatus status) => status.ToString().ToLowerInvariant();
}
