using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Common;
using static ShowroomActors.Domain.Tests.Buyers.BuyerFixtures;

namespace ShowroomActors.Domain.Tests.Buyers;

public sealed class BuyerRegistrationTests
{
    [Fact]
    public void Registers_once_and_a_repeat_with_the_same_details_records_nothing()
    {
        var registered = Single<BuyerRegistered>(Decide(BuyerState.Empty("hospital"), new RegisterBuyer("hospital", Unit())));
        var state = BuyerState.Apply(BuyerState.Empty("hospital"), registered);

        Assert.Equal(Unit(), state.Details);
        var repeat = Decide(state, new RegisterBuyer("hospital", Unit()));
        Assert.False(repeat.IsRejected);
        Assert.Empty(repeat.Events);
    }

    [Fact]
    public void Registering_again_with_other_details_is_a_conflict()
    {
        var state = Registered("hospital", Unit());
        Rejected(Decide(state, new RegisterBuyer("hospital", Unit(name: "别的医院"))), RejectionCode.Conflict, "buyerId");
    }

    [Fact]
    public void A_trade_union_needs_a_parent_unit_that_is_not_itself()
    {
        var empty = BuyerState.Empty("union");
        Rejected(Decide(empty, new RegisterBuyer("union", new BuyerDetails(BuyerKind.TradeUnion, "工会", null, null))), RejectionCode.Invalid, "parentUnitId");
        Rejected(Decide(empty, new RegisterBuyer("union", Union("union"))), RejectionCode.Invalid, "parentUnitId");
        Rejected(Decide(empty, new RegisterBuyer("union", Union("bad id!"))), RejectionCode.Invalid, "parentUnitId");
        Assert.Equal("hospital", Single<BuyerRegistered>(Decide(empty, new RegisterBuyer("union", Union("hospital")))).Details.ParentUnitId);
    }

    [Fact]
    public void Only_trade_unions_have_a_parent_unit()
    {
        var details = new BuyerDetails(BuyerKind.Enterprise, "物流公司", "hospital", null);
        Rejected(Decide(BuyerState.Empty("firm"), new RegisterBuyer("firm", details)), RejectionCode.Invalid, "parentUnitId");
    }

    [Theory]
    [InlineData("", "name")]
    [InlineData("   ", "name")]
    public void Names_are_required(string name, string field) =>
        Rejected(Decide(BuyerState.Empty("unit"), new RegisterBuyer("unit", Unit(name: name))), RejectionCode.Invalid, field);

    [Fact]
    public void Ids_and_jurisdictions_follow_the_id_rules()
    {
        Rejected(Decide(BuyerState.Empty("a b"), new RegisterBuyer("a b", Unit())), RejectionCode.Invalid, "buyerId");
        Rejected(Decide(BuyerState.Empty("unit"), new RegisterBuyer("unit", Unit(jurisdiction: "深圳"))), RejectionCode.Invalid, "jurisdiction");
    }

    [Theory]
    [InlineData("budget-unit", BuyerKind.BudgetUnit)]
    [InlineData("trade-union", BuyerKind.TradeUnion)]
    [InlineData("enterprise", BuyerKind.Enterprise)]
    [InlineData("individual", BuyerKind.Individual)]
    public void Kinds_parse_from_their_api_spelling(string text, BuyerKind kind)
    {
        Assert.Null(BuyerKinds.TryParse(text, "kind", out var parsed));
        Assert.Equal(kind, parsed);
        Assert.Equal(text, parsed.ToText());
    }

    [Fact]
    public void An_unknown_kind_is_rejected_naming_the_field() =>
        Assert.Equal("kind", BuyerKinds.TryParse("budgetUnit", "kind", out _)?.Field);

    [Fact]
    public void A_union_credits_its_parent_and_others_credit_themselves()
    {
        Assert.Equal(new CreditTarget("union", BuyerKind.TradeUnion, "hospital", "union"), Registered("union", Union("hospital")).ToCreditTarget());
        Assert.Equal(new CreditTarget("hospital", BuyerKind.BudgetUnit, "hospital", null), Registered("hospital", Unit()).ToCreditTarget());
        Assert.True(Registered("firm", Enterprise()).ToCreditTarget().KeepsPurchases);
        Assert.False(Registered("chen", new BuyerDetails(BuyerKind.Individual, "陈女士", null, null)).ToCreditTarget().KeepsPurchases);
    }
}
