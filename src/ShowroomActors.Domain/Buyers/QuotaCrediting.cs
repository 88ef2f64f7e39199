using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Buyers;

/// <summary>When an order's certified amount is credited to the buyer's account (<c>showroom.quotas.credit-at</c>).</summary>
public enum CreditMoment
{
    /// <summary>When the order is paid (the default).</summary>
    Payment,
    /// <summary>When the goods are inspected (验收), i.e. delivered and accepted with the invoice.</summary>
    Inspection,
}

/// <summary>What just happened to an order, as far as quotas care.</summary>
public enum OrderMilestone
{
    Paid,
    Inspected,
    /// <summary>Money went back to the buyer (a refund, or a paid order cancelled).</summary>
    Refunded,
}

/// <summary>An order line's value and whether its product was certified when the order was placed.</summary>
public sealed record OrderLineValue(Fen Amount, bool Certified);

/// <summary>
/// The policy the order process calls to turn "order paid / inspected / refunded" into buyer commands. Pure: it
/// returns the commands; the order process sends each to the buyer shard region and retries until it gets an
/// <see cref="OrderCreditAck"/> (every command is idempotent by order id). See docs/QUOTAS.md.
/// </summary>
public static class QuotaCrediting
{
    /// <summary>
    /// The buyer commands for <paramref name="milestone"/> of order <paramref name="orderId"/> at <paramref name="at"/>.
    /// <paramref name="target"/> is the answer of <see cref="GetCreditTarget"/> for the order's buyer (null for an
    /// anonymous order). Credits happen at the milestone chosen by <paramref name="creditAt"/>; a refund always
    /// reverses (harmless when nothing was credited). Individuals' orders produce no commands.
    /// </summary>
    public static IReadOnlyList<IBuyerCommand> CommandsFor(
        CreditMoment creditAt,
        CreditTarget? target,
        string orderId,
        OrderMilestone milestone,
        DateTimeOffset at,
        IReadOnlyCollection<OrderLineValue> lines)
    {
        if (target is null || !target.KeepsPurchases) return [];
        return milestone switch
        {
            OrderMilestone.Refunded => [new ReverseOrder(target.AccountId, orderId, at)],
            OrderMilestone.Paid when creditAt == CreditMoment.Payment => [Credit(target, orderId, at, lines)],
            OrderMilestone.Inspected when creditAt == CreditMoment.Inspection => [Credit(target, orderId, at, lines)],
            _ => [],
        };
    }

    private static CreditOrder Credit(CreditTarget target, string orderId, DateTimeOffset at, IReadOnlyCollection<OrderLineValue> lines)
    {
        var total = lines.Aggregate(Fen.Zero, (sum, line) => sum + line.Amount);
        var certified = lines.Where(l => l.Certified).Aggregate(Fen.Zero, (sum, line) => sum + line.Amount);
        return new CreditOrder(target.AccountId, orderId, at, certified, total, target.ViaUnionId);
    }

    /// <summary>Parses the HOCON value of <c>showroom.quotas.credit-at</c>: <c>payment</c> or <c>inspection</c>.</summary>
    public static CreditMoment ParseMoment(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "payment" => CreditMoment.Payment,
        "inspection" => CreditMoment.Inspection,
        _ => throw new FormatException($"showroom.quotas.credit-at must be 'payment' or 'inspection', not '{text}'."),
    };
}
