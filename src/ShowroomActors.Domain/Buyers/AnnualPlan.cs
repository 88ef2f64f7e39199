using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Buyers;

/// <summary>
/// A budget unit's plan for one calendar year: its canteen food budget and the reserved share of it that must go to
/// certified poverty-alleviation products. <see cref="ReservedRatio"/> is the ratio in force when the plan was
/// declared (from the plan itself or the ratio table, see <see cref="RatioSource"/>); null only without a canteen
/// when the table had none. A unit without a canteen has no target.
/// </summary>
public sealed record AnnualPlan(int Year, Fen CanteenFoodBudget, Ratio? ReservedRatio, string? RatioSource, bool HasCanteen)
{
    /// <summary>The amount of certified purchases required this year, or null when there is no target (no canteen).</summary>
    public Fen? Target => HasCanteen && ReservedRatio is { } ratio ? ratio.ShareOfRoundedUp(CanteenFoodBudget) : null;
}
