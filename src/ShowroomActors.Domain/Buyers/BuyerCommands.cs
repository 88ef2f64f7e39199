using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Buyers;

/// <summary>A command for one buyer entity (<c>buyer-{buyerId}</c>).</summary>
public interface IBuyerCommand : IEntityCommand
{
    string BuyerId { get; }
    string IEntityCommand.EntityId => BuyerId;
}

/// <summary>
/// Open a buyer account. Repeating it with the same details is harmless; other details are a conflict. For a trade
/// union the caller must first check that the parent is a registered budget unit (the entity cannot see other entities).
/// </summary>
public sealed record RegisterBuyer(string BuyerId, BuyerDetails Details) : IBuyerCommand;

/// <summary>
/// Declare (or revise) a budget unit's plan for <paramref name="Year"/>. Without <paramref name="ReservedRatio"/>
/// the ratio table decides, and the ratio found is recorded with the plan. Repeating the same plan is harmless.
/// </summary>
public sealed record DeclarePlan(string BuyerId, int Year, Fen CanteenFoodBudget, Ratio? ReservedRatio, bool HasCanteen) : IBuyerCommand;

/// <summary>
/// Sent by the order process: credit order <paramref name="OrderId"/> to this account, at <paramref name="At"/>
/// (payment or inspection, per policy), which fixes the year. <paramref name="CertifiedFen"/> is the sum of the
/// order's lines whose product is certified, <paramref name="TotalFen"/> the order's total. For a trade union's
/// order, send it to the parent unit with <paramref name="ViaUnionId"/> = the union. Idempotent by order id: the same
/// credit again is harmless, other amounts are a conflict, and a credit after the order was reversed is ignored.
/// </summary>
public sealed record CreditOrder(
    string BuyerId, string OrderId, DateTimeOffset At, Fen CertifiedFen, Fen TotalFen, string? ViaUnionId) : IBuyerCommand;

/// <summary>
/// Sent by the order process when an order is refunded: take its credit out of the year it was credited in.
/// Idempotent by order id. Arriving before the credit, it closes the order so that a late credit is ignored.
/// </summary>
public sealed record ReverseOrder(string BuyerId, string OrderId, DateTimeOffset At) : IBuyerCommand;

/// <summary>
/// Record procurement made elsewhere. <paramref name="Reference"/> is unique per account (and per union for
/// <paramref name="ViaUnionId"/>): the same content again is harmless, other content a conflict.
/// </summary>
public sealed record RecordExternalPurchase(
    string BuyerId, string Reference, Fen Amount, bool Certified, DateTimeOffset At, string? ViaUnionId) : IBuyerCommand;

/// <summary>Read the account: answered with its <see cref="BuyerView"/>, or not found.</summary>
public sealed record GetBuyer(string BuyerId) : IBuyerCommand;

/// <summary>Where this buyer's purchases are credited: answered with <see cref="CreditTarget"/>, or not found.</summary>
public sealed record GetCreditTarget(string BuyerId) : IBuyerCommand;

/// <summary>A budget unit's quota figures for <paramref name="Year"/>, as of the entity's clock: <see cref="QuotaFigures"/>.</summary>
public sealed record GetQuota(string BuyerId, int Year) : IBuyerCommand;

/// <summary>Certified purchases with <paramref name="From"/> &lt;= at &lt; <paramref name="To"/>: <see cref="PurchaseStatement"/>.</summary>
public sealed record GetStatement(string BuyerId, DateTimeOffset From, DateTimeOffset To) : IBuyerCommand;

/// <summary>The answer to <see cref="CreditOrder"/> and <see cref="ReverseOrder"/>: where the order now stands in the account.</summary>
public sealed record OrderCreditAck(string BuyerId, string OrderId, OrderCreditStatus Status) : IShowroomMessage;
