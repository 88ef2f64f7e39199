using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Buyers;

/// <summary>A buyer entity's answer: the account, a recorded purchase, where purchases count, quota figures, a statement, an order's credit, or why not.</summary>
public abstract record BuyerReply : IEntityReply
{
    private BuyerReply()
    {
    }

    public Rejection? RejectionOrNull() => (this as Rejected)?.Rejection;

    /// <summary>The account after registering or declaring a plan, or as it is (<see cref="GetBuyer"/>).</summary>
    public sealed record Account(BuyerView Buyer) : BuyerReply;

    /// <summary>The external purchase as the account recorded it (<see cref="RecordExternalPurchase"/>).</summary>
    public sealed record PurchaseRecorded(string AccountId, ExternalPurchase Purchase) : BuyerReply;

    /// <summary>Where the buyer's purchases are credited (<see cref="GetCreditTarget"/>).</summary>
    public sealed record Target(CreditTarget CreditTarget) : BuyerReply;

    /// <summary>A budget unit's quota figures for a year (<see cref="GetQuota"/>).</summary>
    public sealed record Quota(QuotaFigures Figures) : BuyerReply;

    /// <summary>Certified purchases of a period (<see cref="GetStatement"/>).</summary>
    public sealed record Statement(PurchaseStatement PurchaseStatement) : BuyerReply;

    /// <summary>Where an order now stands in the account (<see cref="CreditOrder"/>, <see cref="ReverseOrder"/>).</summary>
    public sealed record CreditAcknowledged(OrderCreditAck Ack) : BuyerReply;

    public sealed record Rejected(Rejection Rejection) : BuyerReply;
}
