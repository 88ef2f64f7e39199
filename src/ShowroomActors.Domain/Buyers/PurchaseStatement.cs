using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Buyers;

/// <summary>
/// The certified purchases credited to an account in a period: the "buy instead of donating" (以购代捐) statement of
/// an enterprise, or the detail behind a unit's tally. Refunded orders and uncertified purchases are left out.
/// </summary>
public sealed record PurchaseStatement(
    string BuyerId,
    string Name,
    BuyerKind Kind,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<StatementLine> Lines,
    Fen CertifiedFen) : IShowroomMessage
{
    /// <summary>Lines with <paramref name="from"/> &lt;= at &lt; <paramref name="to"/>, oldest first.</summary>
    public static PurchaseStatement Of(BuyerState state, DateTimeOffset from, DateTimeOffset to)
    {
        var details = state.Details ?? throw new InvalidOperationException($"Buyer '{state.BuyerId}' is not registered.");
        bool InPeriod(DateTimeOffset at) => at >= from && at < to;

        var orders = state.Orders.Values
            .Where(o => o.IsCounted && o.CertifiedFen.Value > 0 && InPeriod(o.CreditedAt!.Value))
            .Select(o => new StatementLine(o.CreditedAt!.Value, PurchaseSource.Showroom, o.OrderId, o.CertifiedFen, o.ViaUnionId));
        var external = state.ExternalPurchases.Values
            .Where(x => x.Certified && InPeriod(x.At))
            .Select(x => new StatementLine(x.At, PurchaseSource.External, x.Reference, x.Amount, x.ViaUnionId));
        var lines = orders.Concat(external)
            .OrderBy(l => l.At).ThenBy(l => l.Reference, StringComparer.Ordinal)
            .ToList();
        var total = lines.Aggregate(Fen.Zero, (sum, line) => sum + line.CertifiedFen);
        return new PurchaseStatement(state.BuyerId, details.Name, details.Kind, from, to, lines, total);
    }
}

/// <summary>One certified purchase: a showroom order (by order id) or a purchase made elsewhere (by reference).</summary>
public sealed record StatementLine(DateTimeOffset At, PurchaseSource Source, string Reference, Fen CertifiedFen, string? ViaUnionId);

public enum PurchaseSource
{
    [System.Text.Json.Serialization.JsonStringEnumMemberName("showroom")] Showroom,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("external")] External,
}
