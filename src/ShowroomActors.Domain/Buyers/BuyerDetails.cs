using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Buyers;

/// <summary>
/// Who a buyer is. A trade union names its parent budget unit (<see cref="ParentUnitId"/>); no other kind has a
/// parent. <see cref="Jurisdiction"/> (e.g. <c>shenzhen-yantian</c>) chooses the reserved ratio of a budget unit.
/// </summary>
public sealed record BuyerDetails(BuyerKind Kind, string Name, string? ParentUnitId, string? Jurisdiction)
{
    /// <summary>
    /// The first broken rule, naming its field, or null. That the parent exists and is a budget unit cannot be
    /// known here (it is another entity): the host asks the parent before registering a union.
    /// </summary>
    public Rejection? Validate(string buyerId)
    {
        if (!Enum.IsDefined(Kind)) return Rejection.Invalid("kind", "'kind' must be one of individual, budget-unit, trade-union, enterprise.");
        if (Text.Require(Name, "name", 200) is { } badName) return badName;
        if (Jurisdiction is not null && Ids.Check(Jurisdiction, "jurisdiction") is { } badJurisdiction) return badJurisdiction;
        if (Kind != BuyerKind.TradeUnion)
            return ParentUnitId is null
                ? null
                : Rejection.Invalid("parentUnitId", "'parentUnitId' is only for trade unions.");
        if (ParentUnitId is null) return Rejection.Invalid("parentUnitId", "A trade union needs 'parentUnitId', the budget unit it belongs to.");
        if (Ids.Check(ParentUnitId, "parentUnitId") is { } badParent) return badParent;
        return ParentUnitId == buyerId
            ? Rejection.Invalid("parentUnitId", "A trade union cannot be its own parent unit.")
            : null;
    }
}
