using System.Text.Json.Serialization;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Orders;

/// <summary>What the order tells its buyer account.</summary>
public enum QuotaUpdateKind
{
    /// <summary>Count the order (<see cref="CreditOrder"/>).</summary>
    [JsonStringEnumMemberName("credit")] Credit,
    /// <summary>Take the order out again (<see cref="ReverseOrder"/>).</summary>
    [JsonStringEnumMemberName("reversal")] Reversal,
}

/// <summary>Where one update to the buyer account stands.</summary>
public enum QuotaUpdateOutcome
{
    /// <summary>Recorded by the order, not yet acknowledged: sent (again) until it is.</summary>
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("acknowledged")] Acknowledged,
    /// <summary>Refused for good by the account (logged with the order); never sent again.</summary>
    [JsonStringEnumMemberName("refused")] Refused,
}

/// <summary>
/// One update of the order's buyer account, as recorded in the order's journal: a credit (amounts and instant fixed
/// when it became due) or a reversal, and how the account answered. The command it sends is rebuilt from these
/// fields, so every resend (after a crash too) is the same idempotent command.
/// </summary>
public sealed record QuotaUpdate(
    QuotaUpdateKind Kind,
    string AccountId,
    string? ViaUnionId,
    Fen CertifiedFen,
    Fen TotalFen,
    DateTimeOffset At,
    QuotaUpdateOutcome Outcome = QuotaUpdateOutcome.Pending,
    OrderCreditStatus? Status = null,
    Rejection? Refusal = null)
{
    public bool IsPending => Outcome == QuotaUpdateOutcome.Pending;

    /// <summary>The buyer command that carries this update, keyed by <paramref name="orderId"/>.</summary>
    public IBuyerCommand Command(string orderId) => Kind == QuotaUpdateKind.Credit
        ? new CreditOrder(AccountId, orderId, At, CertifiedFen, TotalFen, ViaUnionId)
        : new ReverseOrder(AccountId, orderId, At);
}
