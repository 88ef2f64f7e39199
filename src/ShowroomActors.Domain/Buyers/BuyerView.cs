using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Buyers;

/// <summary>
/// A registered buyer account as readers see it: who, its annual plans, and per year what was credited to it.
/// Not the state: the ledger of every order and external purchase stays inside the entity.
/// </summary>
public sealed record BuyerView(string BuyerId, BuyerDetails Details, IReadOnlyList<AnnualPlan> Plans, IReadOnlyList<YearTotals> Years)
{
    public static BuyerView Of(BuyerState state) => new(
        state.BuyerId,
        state.Details ?? throw new InvalidOperationException($"Buyer '{state.BuyerId}' is not registered."),
        state.Plans.Values.ToList(),
        state.Tallies.Select(t => new YearTotals(t.Key, t.Value.CertifiedFen, t.Value.TotalFen)).ToList());

    public AnnualPlan? PlanFor(int year) => Plans.FirstOrDefault(p => p.Year == year);
}

/// <summary>What was credited to an account in one calendar year: certified products, and everything.</summary>
public sealed record YearTotals(int Year, Fen Certified, Fen Total);
