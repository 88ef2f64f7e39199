using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Common;
using static ShowroomActors.Domain.Tests.Buyers.BuyerFixtures;

namespace ShowroomActors.Domain.Tests.Buyers;

public sealed class PlanTests
{
    private static readonly BuyerState Hospital = Registered("hospital", Unit());

    [Fact]
    public void Without_a_ratio_the_table_decides_and_the_ratio_found_is_recorded_with_its_source()
    {
        var plan = Single<PlanDeclared>(Decide(Hospital, new DeclarePlan("hospital", 2026, F(300_000_000), null, true)));
        Assert.Equal(R(0.30m), plan.ReservedRatio);
        Assert.Equal("jurisdiction:shenzhen-yantian:2020", plan.RatioSource);

        var state = BuyerState.Apply(Hospital, plan);
        Assert.Equal(F(90_000_000), state.PlanFor(2026)!.Target);
    }

    [Fact]
    public void A_unit_without_a_jurisdiction_gets_the_national_ratio_of_the_year()
    {
        var state = Registered("ministry", Unit(jurisdiction: null));
        var plan = Single<PlanDeclared>(Decide(state, new DeclarePlan("ministry", 2022, F(1_000_000), null, true)));
        Assert.Equal(R(0.10m), plan.ReservedRatio);
        Assert.Equal("national:2021", plan.RatioSource);
    }

    [Fact]
    public void A_ratio_given_by_the_plan_overrides_the_table()
    {
        var plan = Single<PlanDeclared>(Decide(Hospital, new DeclarePlan("hospital", 2026, F(1_000_000), R(0.4m), true)));
        Assert.Equal(R(0.4m), plan.ReservedRatio);
        Assert.Equal("plan", plan.RatioSource);
    }

    [Fact]
    public void Without_a_ratio_in_the_table_a_unit_with_a_canteen_must_give_one()
    {
        var state = Registered("ministry", Unit(jurisdiction: null));
        Rejected(Decide(state, new DeclarePlan("ministry", 2019, F(1_000_000), null, true)), RejectionCode.Unprocessable, "reservedRatio");
        Assert.Equal("plan", Single<PlanDeclared>(Decide(state, new DeclarePlan("ministry", 2019, F(1_000_000), R(0.05m), true))).RatioSource);
    }

    [Fact]
    public void A_unit_without_a_canteen_has_no_target_even_with_a_budget()
    {
        var state = Run(Hospital, new DeclarePlan("hospital", 2026, F(500_000), null, false));
        Assert.Null(state.PlanFor(2026)!.Target);

        var office = Registered("office", Unit(jurisdiction: null));
        var noRatio = Run(office, new DeclarePlan("office", 2019, F(0), null, false));
        Assert.Null(noRatio.PlanFor(2019)!.ReservedRatio);
        Assert.Null(noRatio.PlanFor(2019)!.Target);
    }

    [Fact]
    public void The_same_plan_again_records_nothing_and_a_revision_replaces_it()
    {
        var state = Run(Hospital, new DeclarePlan("hospital", 2026, F(300_000_000), null, true));
        Assert.Empty(Decide(state, new DeclarePlan("hospital", 2026, F(300_000_000), null, true)).Events);

        state = Run(state, new DeclarePlan("hospital", 2026, F(200_000_000), null, true));
        Assert.Equal(F(60_000_000), state.PlanFor(2026)!.Target);
    }

    [Fact]
    public void Bad_plans_are_rejected_naming_the_field_and_record_nothing()
    {
        Rejected(Decide(BuyerState.Empty("ghost"), new DeclarePlan("ghost", 2026, F(1), null, true)), RejectionCode.NotFound, "buyerId");
        Rejected(Decide(Hospital, new DeclarePlan("hospital", 2026, F(-1), null, true)), RejectionCode.Invalid, "canteenFoodBudgetFen");
        Rejected(Decide(Hospital, new DeclarePlan("hospital", 2026, F(BuyerState.MaxBudgetFen + 1), null, true)), RejectionCode.Invalid, "canteenFoodBudgetFen");
        Rejected(Decide(Hospital, new DeclarePlan("hospital", 1999, F(1), null, true)), RejectionCode.Invalid, "year");
        Rejected(Decide(Hospital, new DeclarePlan("hospital", 2101, F(1), null, true)), RejectionCode.Invalid, "year");
    }

    [Fact]
    public void Only_budget_units_declare_plans()
    {
        Rejected(Decide(Registered("union", Union("hospital")), new DeclarePlan("union", 2026, F(1), null, true)), RejectionCode.Unprocessable, "buyerId");
        Rejected(Decide(Registered("firm", Enterprise()), new DeclarePlan("firm", 2026, F(1), null, true)), RejectionCode.Unprocessable, "buyerId");
    }
}
