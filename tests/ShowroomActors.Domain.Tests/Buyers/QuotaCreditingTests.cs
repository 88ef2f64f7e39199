using ShowroomActors.Domain.Buyers;
using static ShowroomActors.Domain.Tests.Buyers.BuyerFixtures;

namespace ShowroomActors.Domain.Tests.Buyers;

public sealed class QuotaCreditingTests
{
    private static readonly CreditTarget Hospital = new("hospital", BuyerKind.BudgetUnit, "hospital", null);
    private static readonly CreditTarget Union = new("hospital-union", BuyerKind.TradeUnion, "hospital", "hospital-union");
    private static readonly OrderLineValue[] Lines = [new(F(7_800), true), new(F(6_800), false), new(F(4_280), true)];
    private static readonly DateTimeOffset PaidAt = At(2026, 3, 1);

    [Fact]
    public void At_payment_a_paid_order_credits_only_its_certified_lines()
    {
        var command = Assert.Single(QuotaCrediting.CommandsFor(CreditMoment.Payment, Hospital, "o-1", OrderMilestone.Paid, PaidAt, Lines));
        Assert.Equal(new CreditOrder("hospital", "o-1", PaidAt, F(12_080), F(18_880), null), command);
        Assert.Empty(QuotaCrediting.CommandsFor(CreditMoment.Payment, Hospital, "o-1", OrderMilestone.Inspected, PaidAt, Lines));
    }

    [Fact]
    public void At_inspection_payment_credits_nothing_and_inspection_credits()
    {
        Assert.Empty(QuotaCrediting.CommandsFor(CreditMoment.Inspection, Hospital, "o-1", OrderMilestone.Paid, PaidAt, Lines));
        var inspectedAt = At(2026, 3, 9);
        var command = Assert.Single(QuotaCrediting.CommandsFor(CreditMoment.Inspection, Hospital, "o-1", OrderMilestone.Inspected, inspectedAt, Lines));
        Assert.Equal(inspectedAt, Assert.IsType<CreditOrder>(command).At);
    }

    [Fact]
    public void A_union_order_is_credited_to_the_parent_unit_via_the_union()
    {
        var command = Assert.IsType<CreditOrder>(Assert.Single(
            QuotaCrediting.CommandsFor(CreditMoment.Payment, Union, "o-2", OrderMilestone.Paid, PaidAt, Lines)));
        Assert.Equal("hospital", command.BuyerId);
        Assert.Equal("hospital-union", command.ViaUnionId);
    }

    [Theory]
    [InlineData(CreditMoment.Payment)]
    [InlineData(CreditMoment.Inspection)]
    public void A_refund_always_reverses_at_the_account_that_was_credited(CreditMoment moment)
    {
        var refundedAt = At(2027, 1, 3);
        Assert.Equal(
            new ReverseOrder("hospital", "o-2", refundedAt),
            Assert.Single(QuotaCrediting.CommandsFor(moment, Union, "o-2", OrderMilestone.Refunded, refundedAt, Lines)));
    }

    [Fact]
    public void Anonymous_and_individual_orders_produce_no_commands()
    {
        Assert.Empty(QuotaCrediting.CommandsFor(CreditMoment.Payment, null, "o-3", OrderMilestone.Paid, PaidAt, Lines));
        var chen = new CreditTarget("chen", BuyerKind.Individual, "chen", null);
        Assert.Empty(QuotaCrediting.CommandsFor(CreditMoment.Payment, chen, "o-3", OrderMilestone.Paid, PaidAt, Lines));
    }

    [Fact]
    public void The_policy_parses_from_configuration()
    {
        Assert.Equal(CreditMoment.Payment, QuotaCrediting.ParseMoment("payment"));
        Assert.Equal(CreditMoment.Inspection, QuotaCrediting.ParseMoment(" Inspection "));
        Assert.Throws<FormatException>(() => QuotaCrediting.ParseMoment("delivery"));
    }

    [Fact]
    public void The_commands_it_produces_drive_the_tally_through_payment_and_refund()
    {
        var state = Registered("hospital", Unit());
        foreach (var command in QuotaCrediting.CommandsFor(CreditMoment.Payment, Union, "o-4", OrderMilestone.Paid, PaidAt, Lines))
            state = Run(state, command);
        Assert.Equal(F(12_080), state.TallyFor(2026).UnionFen);

        foreach (var command in QuotaCrediting.CommandsFor(CreditMoment.Payment, Union, "o-4", OrderMilestone.Refunded, At(2026, 3, 5), Lines))
            state = Run(state, command);
        Assert.Equal(YearTally.Empty, state.TallyFor(2026));
    }
}
