using ShowroomActors.Domain.Catalog;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Orders;

/// <summary>
/// The order's small process across its products, as pure functions. The entity persists the intent, checks the
/// buyer account and slot the request names (<see cref="PlacementChecks"/>), sends <see cref="Commands"/> (idempotent
/// by order id, so resending after a crash or a lost message is safe), collects the answers that
/// <see cref="Answers"/> the current step, and when every line has answered persists what <see cref="Settle"/>
/// decides. No two-phase commit: each product decides alone, the order compensates.
/// </summary>
public static class OrderProcess
{
    /// <summary>
    /// The ledger commands to send now: those of the current step, except that a placing order asks no product
    /// before its checks passed (an order declined for an unknown buyer or slot leaves every product untouched).
    /// </summary>
    public static IReadOnlyList<IStockLedgerCommand> Commands(OrderState state, PlacementChecks checks) =>
        state.Ledger == LedgerStep.Reserving && !checks.Passed ? [] : Commands(state);

    /// <summary>The ledger command of the current step for every line, or none when no step is under way.</summary>
    public static IReadOnlyList<IStockLedgerCommand> Commands(OrderState state) => state.Ledger switch
    {
        _ when !state.HasLedgerWork => [],
        LedgerStep.Reserving => state.Lines.Select(l => (IStockLedgerCommand)new ReserveStock(l.ProductId, state.OrderId, l.Quantity)).ToList(),
        LedgerStep.Committing => state.Lines.Select(l => (IStockLedgerCommand)new CommitStock(l.ProductId, state.OrderId)).ToList(),
        _ => state.Lines.Select(l => (IStockLedgerCommand)new ReleaseStock(l.ProductId, state.OrderId)).ToList(),
    };

    /// <summary>True when <paramref name="reply"/> is a final answer to the current step for one of the order's lines.</summary>
    public static bool Answers(OrderState state, IStockLedgerReply reply)
    {
        if (!state.HasLedgerWork || reply.OrderId != state.OrderId || state.Lines.All(l => l.ProductId != reply.ProductId)) return false;
        return reply switch
        {
            ReservationRefused => true,
            ReservationAnswer a => state.Ledger switch
            {
                // A product that already released this order answers a late reservation with Released: a refusal too.
                LedgerStep.Reserving => true,
                LedgerStep.Committing => a.Status == ReservationStatus.Committed,
                _ => a.Status == ReservationStatus.Released,
            },
            _ => false,
        };
    }

    /// <summary>Settles an order whose request names neither a buyer account nor a slot (nothing to check).</summary>
    public static Decision<IOrderEvent> Settle(OrderState state, IReadOnlyDictionary<string, IStockLedgerReply> answers,
        DateTimeOffset now, OrderPolicy policy) =>
        state.Request is null
            ? Decision<IOrderEvent>.Nothing()
            : Settle(state, PlacementChecks.For(state.Request), answers, now, policy);

    /// <summary>
    /// What the checks and answers settle: a placing order whose buyer account or slot does not exist is declined
    /// before any product is asked; otherwise, once every line has an answer, the order is reserved at the products'
    /// prices with their certification and the buyer's credit target, held as long as the <paramref name="policy"/>
    /// holds such an order, or rejected naming the first line that failed or because it is worth more than the policy
    /// lets one order be (then everything is released); the stock committed; the stock released. Nothing while anything
    /// is unanswered.
    /// </summary>
    public static Decision<IOrderEvent> Settle(OrderState state, PlacementChecks checks, IReadOnlyDictionary<string, IStockLedgerReply> answers,
        DateTimeOffset now, OrderPolicy policy)
    {
        if (!state.HasLedgerWork) return Decision<IOrderEvent>.Nothing();
        if (state.Ledger == LedgerStep.Reserving && checks.Failure is { } failure)
            return Decision<IOrderEvent>.Accept(new OrderDeclined(state.OrderId, failure, now));
        if (state.Ledger == LedgerStep.Reserving && !checks.Passed) return Decision<IOrderEvent>.Nothing();
        if (state.Lines.Any(l => !answers.ContainsKey(l.ProductId))) return Decision<IOrderEvent>.Nothing();
        switch (state.Ledger)
        {
            case LedgerStep.Reserving:
                for (var i = 0; i < state.Lines.Count; i++)
                    if (LineRejection(answers[state.Lines[i].ProductId], i) is { } rejection)
                        return Decision<IOrderEvent>.Accept(new OrderRejected(state.OrderId, rejection, now));
                var reserved = state.Lines.Select(l =>
                {
                    var a = (ReservationAnswer)answers[l.ProductId];
                    return new ReservedLine(l.ProductId, a.ProductName, l.Quantity, a.UnitPrice, a.Certified);
                }).ToList();
                var total = reserved.Aggregate(Fen.Zero, (sum, l) => sum + l.LineTotal);
                if (policy.CheckValue(state.Request!, total) is { } tooMuch)
                    return Decision<IOrderEvent>.Accept(new OrderRejected(state.OrderId, tooMuch, now));
                return Decision<IOrderEvent>.Accept(new OrderReserved(state.OrderId, reserved, total, now + policy.HoldFor(state.Request!), checks.Target, now));
            case LedgerStep.Committing:
                return Decision<IOrderEvent>.Accept(new OrderStockCommitted(state.OrderId, now));
            default:
                return Decision<IOrderEvent>.Accept(new OrderReservationsReleased(state.OrderId, now));
        }
    }

    /// <summary>A product's refusal of line <paramref name="index"/>, re-addressed to the line (<c>lines[1].quantity</c>).</summary>
    private static Rejection? LineRejection(IStockLedgerReply answer, int index) => answer switch
    {
        ReservationRefused refused => refused.Rejection with
        {
            Field = refused.Rejection.Field is "quantity" or "productId" ? $"lines[{index}].{refused.Rejection.Field}" : $"lines[{index}]",
        },
        ReservationAnswer { Status: ReservationStatus.Reserved or ReservationStatus.Committed } => null,
        ReservationAnswer a => Rejection.Conflict($"Product '{a.ProductId}' already closed this order's reservation.", $"lines[{index}]"),
        _ => Rejection.Conflict($"Unexpected answer from product '{answer.ProductId}'.", $"lines[{index}]"),
    };
}
