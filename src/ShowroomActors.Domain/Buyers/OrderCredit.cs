using System.Text.Json.Serialization;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Buyers;

/// <summary>
/// One showroom order in a buyer account's ledger, keyed by order id. Credited (<see cref="CreditedAt"/> set),
/// then perhaps reversed (<see cref="ReversedAt"/> set). A reversal that arrived before any credit leaves an entry
/// with only <see cref="ReversedAt"/>: the order is closed, and a late credit for it is ignored.
/// </summary>
public sealed record OrderCredit(
    string OrderId,
    DateTimeOffset? CreditedAt,
    int? Year,
    Fen CertifiedFen,
    Fen TotalFen,
    string? ViaUnionId,
    DateTimeOffset? ReversedAt)
{
    public bool IsReversed => ReversedAt is not null;
    public bool IsCounted => CreditedAt is not null && ReversedAt is null;

    public OrderCreditStatus Status => (CreditedAt, ReversedAt) switch
    {
        (not null, null) => OrderCreditStatus.Credited,
        (not null, not null) => OrderCreditStatus.Reversed,
        _ => OrderCreditStatus.ClosedUncredited,
    };
}

/// <summary>Where an order stands in a buyer account.</summary>
public enum OrderCreditStatus
{
    /// <summary>Counted in its year's tally.</summary>
    [JsonStringEnumMemberName("credited")] Credited,
    /// <summary>Was counted, then refunded: taken out of the tally of the year it was credited in.</summary>
    [JsonStringEnumMemberName("reversed")] Reversed,
    /// <summary>Refunded before it was ever credited: never counts, and a late credit is ignored.</summary>
    [JsonStringEnumMemberName("closed-uncredited")] ClosedUncredited,
}
