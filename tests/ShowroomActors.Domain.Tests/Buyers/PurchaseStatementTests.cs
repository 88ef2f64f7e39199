using ShowroomActors.Domain.Buyers;
using static ShowroomActors.Domain.Tests.Buyers.BuyerFixtures;

namespace ShowroomActors.Domain.Tests.Buyers;

public sealed class PurchaseStatementTests
{
    [Fact]
    public void Lists_certified_purchases_in_the_period_oldest_first_without_refunded_ones()
    {
        var state = Registered("firm", Enterprise());
        state = Run(state, new CreditOrder("firm", "o-late", At(2026, 5, 2), F(3_000), F(3_000), null));
        state = Run(state, new CreditOrder("firm", "o-early", At(2026, 1, 2), F(5_000), F(8_000), null));
        state = Run(state, new CreditOrder("firm", "o-plain", At(2026, 1, 3), F(0), F(6_800), null));
        state = Run(state, new CreditOrder("firm", "o-refunded", At(2026, 2, 1), F(9_000), F(9_000), null));
        state = Run(state, new ReverseOrder("firm", "o-refunded", At(2026, 2, 5)));
        state = Run(state, new CreditOrder("firm", "o-before", At(2025, 12, 31), F(1_000), F(1_000), null));
        state = Run(state, new RecordExternalPurchase("firm", "832-9", F(12_000), true, At(2026, 3, 3), null));
        state = Run(state, new RecordExternalPurchase("firm", "plain-1", F(12_000), false, At(2026, 3, 4), null));

        var statement = PurchaseStatement.Of(state, At(2026, 1, 1, 0), At(2027, 1, 1, 0));

        Assert.Equal(["o-early", "832-9", "o-late"], statement.Lines.Select(l => l.Reference));
        Assert.Equal([PurchaseSource.Showroom, PurchaseSource.External, PurchaseSource.Showroom], statement.Lines.Select(l => l.Source));
        Assert.Equal(F(20_000), statement.CertifiedFen);
        Assert.Equal("盐港通达物流有限公司", statement.Name);
    }
}
