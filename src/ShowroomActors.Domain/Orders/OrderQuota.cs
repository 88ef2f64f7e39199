using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Orders;

/// <summary>
/// The order's side of procurement quotas, as pure functions. A step that reaches a milestone (paid, inspected,
/// refunded, a paid order cancelled) also records, in the same write, the buyer updates that
/// <see cref="QuotaCrediting.CommandsFor"/> makes due under the crediting policy (<see cref="Follow"/>). The entity then
/// sends the first pending update's command (<see cref="Command"/>) to the buyer account, one at a time, again and
/// again until the account answers, and records the answer (<see cref="Settle"/>). Every command is idempotent by
/// order id, so resending after a crash or a lost message never counts an order twice.
/// </summary>
public static class OrderQuota
{
    /// <summary>
    /// <paramref name="decision"/> (a step decided on <paramref name="state"/>) with the buyer updates its milestone makes
    /// due appended, so the milestone and the intent to tell the account are one atomic write. At most one credit and
    /// one reversal are ever recorded per order, whatever the policy says later.
    /// </summary>
    public static Decision<IOrderEvent> Follow(OrderState state, Decision<IOrderEvent> decision, CreditMoment creditAt)
    {
        if (decision.IsRejected || decision.Events.Count == 0) return decision;
        var events = new List<IOrderEvent>(decision.Events);
        var current = state;
        foreach (var e in decision.Events)
        {
            var before = current;
            current = OrderState.Apply(current, e);
            foreach (var due in DueAfter(before, current, e, creditAt))
            {
                events.Add(due);
                current = OrderState.Apply(current, due);
            }
        }
        return events.Count == decision.Events.Count ? decision : Decision<IOrderEvent>.Accept(events);
    }

    private static IEnumerable<IOrderEvent> DueAfter(OrderState before, OrderState after, IOrderEvent e, CreditMoment creditAt)
    {
        OrderMilestone? milestone = e switch
        {
            OrderPaid => OrderMilestone.Paid,
            OrderInspected => OrderMilestone.Inspected,
            OrderRefunded => OrderMilestone.Refunded,
            OrderCancelled when before.PaidAt is not null => OrderMilestone.Refunded,
            _ => null,
        };
        if (milestone is null || after.CreditTarget is null) yield break;
        var lines = after.Lines.Select(l => l.Value).ToList();
        foreach (var command in QuotaCrediting.CommandsFor(creditAt, after.CreditTarget, after.OrderId, milestone.Value, e.At, lines))
        {
            switch (command)
            {
                case CreditOrder c when after.QuotaUpdates.All(u => u.Kind != QuotaUpdateKind.Credit):
                    yield return new OrderQuotaCreditDue(after.OrderId, c.BuyerId, c.ViaUnionId, c.CertifiedFen, c.TotalFen, c.At);
                    break;
                case ReverseOrder r when after.QuotaUpdates.All(u => u.Kind != QuotaUpdateKind.Reversal):
                    yield return new OrderQuotaReversalDue(after.OrderId, r.BuyerId, r.At);
                    break;
            }
        }
    }

    /// <summary>The update to send now: the first one not yet answered (updates go one at a time, in order), or null.</summary>
    public static QuotaUpdate? Current(OrderState state) => state.QuotaUpdates.FirstOrDefault(u => u.IsPending);

    /// <summary>The buyer command of <see cref="Current"/>, or null when the account has nothing pending from this order.</summary>
    public static IBuyerCommand? Command(OrderState state) => Current(state)?.Command(state.OrderId);

    /// <summary>
    /// What the account's <paramref name="answer"/> (null: none in time) to <paramref name="sent"/> settles, if <paramref name="sent"/> is
    /// still the pending update's command: an acknowledgement for this order from its account records where the order
    /// stands there (a reversal is only acknowledged by <c>reversed</c> or <c>closed-uncredited</c>); a rejection other
    /// than <see cref="RejectionCode.Unavailable"/> or <see cref="RejectionCode.Quarantined"/> is permanent and recorded as a
    /// refusal. Anything else (a late answer to an earlier update, the journal down, an account quarantined until its
    /// journal is repaired): nothing, and the command is sent again.
    /// </summary>
    public static Decision<IOrderEvent> Settle(OrderState state, IBuyerCommand sent, BuyerReply? answer, DateTimeOffset now)
    {
        if (Current(state) is not { } current || !Equals(current.Command(state.OrderId), sent)) return Decision<IOrderEvent>.Nothing();
        return answer switch
        {
            BuyerReply.CreditAcknowledged { Ack: var ack } when ack.OrderId == state.OrderId && ack.BuyerId == current.AccountId
                && (current.Kind == QuotaUpdateKind.Credit || ack.Status != OrderCreditStatus.Credited) =>
                Decision<IOrderEvent>.Accept(new OrderQuotaAcknowledged(state.OrderId, current.Kind, current.AccountId, ack.Status, now)),
            BuyerReply.Rejected { Rejection: { Code: not (RejectionCode.Unavailable or RejectionCode.Quarantined) } rejection } =>
                Decision<IOrderEvent>.Accept(new OrderQuotaRefused(state.OrderId, current.Kind, current.AccountId, rejection, now)),
            _ => Decision<IOrderEvent>.Nothing(),
        };
    }
}
