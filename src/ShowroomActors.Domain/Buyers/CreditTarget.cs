namespace ShowroomActors.Domain.Buyers;

/// <summary>
/// Where a buyer's purchases are credited. A budget unit and an enterprise keep their own; a trade union's count
/// for its parent unit (<see cref="AccountId"/> = the parent, <see cref="ViaUnionId"/> = the union); an
/// individual's are not kept (<see cref="KeepsPurchases"/> is false). Answer to <see cref="GetCreditTarget"/>.
/// The parent of a union never changes, so the order process may keep this answer with the order.
/// </summary>
public sealed record CreditTarget(string BuyerId, BuyerKind Kind, string AccountId, string? ViaUnionId) : Common.IShowroomMessage
{
    public bool KeepsPurchases => Kind != BuyerKind.Individual;

    public static CreditTarget For(string buyerId, BuyerDetails details) => details.Kind == BuyerKind.TradeUnion
        ? new CreditTarget(buyerId, details.Kind, details.ParentUnitId!, buyerId)
        : new CreditTarget(buyerId, details.Kind, buyerId, null);
}
