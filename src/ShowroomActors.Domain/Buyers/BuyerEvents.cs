using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Buyers;

/// <summary>An event in a buyer's journal. Each carries what the quota report needs, so projections never look up state.</summary>
public interface IBuyerEvent : IDomainEvent
{
    string BuyerId { get; }
}

/// <summary>The account was opened.</summary>
public sealed record BuyerRegistered(string BuyerId, BuyerDetails Details) : IBuyerEvent;

/// <summary>A budget unit declared or revised its plan for a year; the ratio is the one in force then, with its source.</summary>
public sealed record PlanDeclared(
    string BuyerId, int Year, Fen CanteenFoodBudget, Ratio? ReservedRatio, string? RatioSource, bool HasCanteen) : IBuyerEvent;

/// <summary>A showroom order was credited to this account for <paramref name="Year"/> (the year of <paramref name="At"/>, UTC+8).</summary>
public sealed record OrderCredited(
    string BuyerId, string OrderId, DateTimeOffset At, int Year, Fen CertifiedFen, Fen TotalFen, string? ViaUnionId) : IBuyerEvent;

/// <summary>
/// A refunded order was taken out of the tally of <paramref name="CreditYear"/>, the year it had been credited in,
/// with the amounts that were credited. <paramref name="CreditYear"/> null: the order had not been credited; the
/// event only closes it (amounts zero).
/// </summary>
public sealed record OrderReversed(
    string BuyerId, string OrderId, DateTimeOffset At, int? CreditYear, Fen CertifiedFen, Fen TotalFen, string? ViaUnionId) : IBuyerEvent;

/// <summary>Procurement made elsewhere was recorded for <paramref name="Year"/>.</summary>
public sealed record ExternalPurchaseRecorded(
    string BuyerId, string Reference, DateTimeOffset At, int Year, Fen Amount, bool Certified, string? ViaUnionId) : IBuyerEvent;
