using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Common;
using static ShowroomActors.Domain.Tests.Buyers.BuyerFixtures;

namespace ShowroomActors.Domain.Tests.Buyers;

public sealed class CreditTests
{
    private static readonly BuyerState Hospital = Registered("hospital", Unit());

    [Fact]
    public void An_order_credits_the_year_of_its_payment_in_china_standard_time()
    {
        // 2025-12-31T17:30Z is 01:30 on 1 January 2026 in Shenzhen.
        var at = new DateTimeOffset(2025, 12, 31, 17, 30, 0, TimeSpan.Zero);
        var state = Run(Hospital, new CreditOrder("hospital", "o-1", at, F(6_000), F(10_000), null));

        Assert.Equal(new YearTally(F(6_000), F(0), F(0), F(10_000), F(0)), state.TallyFor(2026));
        Assert.Equal(YearTally.Empty, state.TallyFor(2025));
    }

    [Fact]
    public void A_trade_union_purchase_credited_to_the_parent_counts_as_union_money()
    {
        var state = Run(Hospital, new CreditOrder("hospital", "o-own", At(2026, 3, 1), F(5_000), F(5_000), null));
        state = Run(state, new CreditOrder("hospital", "o-union", At(2026, 3, 2), F(7_000), F(9_000), "hospital-union"));

        var tally = state.TallyFor(2026);
        Assert.Equal(F(5_000), tally.ShowroomFen);
        Assert.Equal(F(7_000), tally.UnionFen);
        Assert.Equal(F(12_000), tally.CertifiedFen);
        Assert.Equal(F(14_000), tally.TotalFen);
        Assert.Equal("hospital-union", state.Orders["o-union"].ViaUnionId);
    }

    [Fact]
    public void A_trade_union_itself_keeps_no_ledger_and_points_to_its_parent()
    {
        var union = Registered("hospital-union", Union("hospital"));
        var rejection = Rejected(Decide(union, new CreditOrder("hospital-union", "o-1", At(2026, 3, 1), F(1), F(1), null)), RejectionCode.Unprocessable, "buyerId");
        Assert.Contains("hospital", rejection.Message);
    }

    [Fact]
    public void Only_a_budget_unit_takes_union_purchases_and_never_from_itself()
    {
        Rejected(Decide(Registered("firm", Enterprise()), new CreditOrder("firm", "o-1", At(2026, 3, 1), F(1), F(1), "union")), RejectionCode.Invalid, "creditedVia");
        Rejected(Decide(Hospital, new CreditOrder("hospital", "o-1", At(2026, 3, 1), F(1), F(1), "hospital")), RejectionCode.Invalid, "creditedVia");
    }

    [Fact]
    public void Crediting_the_same_order_again_is_harmless_and_other_amounts_are_a_conflict()
    {
        var credit = new CreditOrder("hospital", "o-1", At(2026, 3, 1), F(6_000), F(10_000), null);
        var state = Run(Hospital, credit);

        Assert.Empty(Decide(state, credit).Events);
        Rejected(Decide(state, credit with { CertifiedFen = F(5_000) }), RejectionCode.Conflict, "orderId");
        Assert.Equal(F(6_000), state.TallyFor(2026).CertifiedFen);
    }

    [Fact]
    public void Bad_credits_are_rejected_naming_the_field()
    {
        Rejected(Decide(BuyerState.Empty("ghost"), new CreditOrder("ghost", "o-1", At(2026, 3, 1), F(1), F(1), null)), RejectionCode.NotFound, "buyerId");
        Rejected(Decide(Hospital, new CreditOrder("hospital", "o-1", At(2026, 3, 1), F(-1), F(1), null)), RejectionCode.Invalid, "certifiedFen");
        Rejected(Decide(Hospital, new CreditOrder("hospital", "o-1", At(2026, 3, 1), F(2), F(1), null)), RejectionCode.Invalid, "certifiedFen");
        Rejected(Decide(Hospital, new CreditOrder("hospital", "o-1", At(2026, 3, 1), F(0), F(-1), null)), RejectionCode.Invalid, "totalFen");
        Rejected(Decide(Hospital, new CreditOrder("hospital", "", At(2026, 3, 1), F(1), F(1), null)), RejectionCode.Invalid, "orderId");
        Rejected(Decide(Hospital, new CreditOrder("hospital", "o-1", At(1990, 3, 1), F(1), F(1), null)), RejectionCode.Invalid, "at");
        var chen = Registered("chen", new BuyerDetails(BuyerKind.Individual, "陈女士", null, null));
        Rejected(Decide(chen, new CreditOrder("chen", "o-1", At(2026, 3, 1), F(1), F(1), null)), RejectionCode.Unprocessable, "buyerId");
    }

    [Fact]
    public void A_refund_in_the_same_year_takes_the_credit_out_again()
    {
        var state = Run(Hospital, new CreditOrder("hospital", "o-1", At(2026, 3, 1), F(6_000), F(10_000), "hospital-union"));
        var reversal = Single<OrderReversed>(Decide(state, new ReverseOrder("hospital", "o-1", At(2026, 4, 1))));
        Assert.Equal(new OrderReversed("hospital", "o-1", At(2026, 4, 1), 2026, F(6_000), F(10_000), "hospital-union"), reversal);

        state = BuyerState.Apply(state, reversal);
        Assert.Equal(YearTally.Empty, state.TallyFor(2026));
        Assert.Equal(OrderCreditStatus.Reversed, state.Orders["o-1"].Status);
    }

    [Fact]
    public void A_refund_in_a_later_year_reverses_in_the_year_of_the_credit_and_is_marked_as_late()
    {
        var state = Run(Hospital, new CreditOrder("hospital", "o-1", At(2025, 12, 20), F(6_000), F(10_000), null));
        state = Run(state, new CreditOrder("hospital", "o-2", At(2026, 1, 5), F(3_000), F(3_000), null));
        state = Run(state, new ReverseOrder("hospital", "o-1", At(2026, 1, 10)));

        Assert.Equal(new YearTally(F(0), F(0), F(0), F(0), F(6_000)), state.TallyFor(2025));
        Assert.Equal(new YearTally(F(3_000), F(0), F(0), F(3_000), F(0)), state.TallyFor(2026));
    }

    [Fact]
    public void Reversing_again_is_harmless_and_a_credit_after_the_reversal_is_ignored()
    {
        var credit = new CreditOrder("hospital", "o-1", At(2026, 3, 1), F(6_000), F(10_000), null);
        var state = Run(Hospital, credit);
        state = Run(state, new ReverseOrder("hospital", "o-1", At(2026, 4, 1)));

        Assert.Empty(Decide(state, new ReverseOrder("hospital", "o-1", At(2026, 4, 2))).Events);
        Assert.Empty(Decide(state, credit).Events);
        Assert.Equal(YearTally.Empty, state.TallyFor(2026));
    }

    [Fact]
    public void A_reversal_that_overtakes_its_credit_closes_the_order_so_the_late_credit_never_counts()
    {
        var closing = Single<OrderReversed>(Decide(Hospital, new ReverseOrder("hospital", "o-1", At(2026, 4, 1))));
        Assert.Null(closing.CreditYear);
        var state = BuyerState.Apply(Hospital, closing);

        Assert.Empty(Decide(state, new CreditOrder("hospital", "o-1", At(2026, 3, 1), F(6_000), F(10_000), null)).Events);
        Assert.Equal(OrderCreditStatus.ClosedUncredited, state.Orders["o-1"].Status);
        Assert.Empty(state.Tallies);
    }

    [Fact]
    public void External_purchases_count_by_source_and_only_certified_ones_count_toward_the_quota()
    {
        var state = Run(Hospital, new RecordExternalPurchase("hospital", "832-0001", F(20_000), true, At(2026, 2, 1), null));
        state = Run(state, new RecordExternalPurchase("hospital", "SUP-77", F(8_000), false, At(2026, 2, 2), null));
        state = Run(state, new RecordExternalPurchase("hospital", "832-0001", F(4_000), true, At(2026, 2, 3), "hospital-union"));

        Assert.Equal(new YearTally(F(0), F(4_000), F(20_000), F(32_000), F(0)), state.TallyFor(2026));
    }

    [Fact]
    public void An_external_reference_is_recorded_once_and_reused_with_other_content_is_a_conflict()
    {
        var purchase = new RecordExternalPurchase("hospital", "832-0001", F(20_000), true, At(2026, 2, 1), null);
        var state = Run(Hospital, purchase);

        Assert.Empty(Decide(state, purchase).Events);
        Rejected(Decide(state, purchase with { Amount = F(20_001) }), RejectionCode.Conflict, "reference");
        Rejected(Decide(state, purchase with { Certified = false }), RejectionCode.Conflict, "reference");
        Assert.Equal(F(20_000), state.TallyFor(2026).TotalFen);
    }

    [Fact]
    public void Bad_external_purchases_are_rejected_naming_the_field()
    {
        Rejected(Decide(Hospital, new RecordExternalPurchase("hospital", "r-1", F(0), true, At(2026, 2, 1), null)), RejectionCode.Invalid, "amountFen");
        Rejected(Decide(Hospital, new RecordExternalPurchase("hospital", "r-1", F(-5), true, At(2026, 2, 1), null)), RejectionCode.Invalid, "amountFen");
        Rejected(Decide(Hospital, new RecordExternalPurchase("hospital", "r/1", F(5), true, At(2026, 2, 1), null)), RejectionCode.Invalid, "reference");
        Rejected(Decide(Hospital, new RecordExternalPurchase("hospital", "r-1", F(5), true, Now.AddDays(1), null)), RejectionCode.Invalid, "at");
        Rejected(Decide(BuyerState.Empty("ghost"), new RecordExternalPurchase("ghost", "r-1", F(5), true, At(2026, 2, 1), null)), RejectionCode.NotFound, "buyerId");
    }
}
