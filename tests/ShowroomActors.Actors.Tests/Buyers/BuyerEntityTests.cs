using Akka.Actor;
using Microsoft.Extensions.Time.Testing;
using ShowroomActors.Actors.Buyers;
using ShowroomActors.Actors.Tests.Support;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Common;
using Xunit.Abstractions;

namespace ShowroomActors.Actors.Tests.Buyers;

public sealed class BuyerEntityTests(ITestOutputHelper output) : SqliteTestKit(output)
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly BuyerDetails Hospital = new(BuyerKind.BudgetUnit, "盐田区人民医院", null, "shenzhen-yantian");

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 7, 1, 0, 0, 0, Beijing));

    private RatioTable Ratios => QuotaSettings.FromConfig(Sys.Settings.Config).Ratios;

    private IActorRef Buyer(string id) => Sys.ActorOf(BuyerEntity.Props(id, _clock, snapshotEvery: 3, Ratios));

    private static DateTimeOffset At(int month, int day) => new(2026, month, day, 10, 0, 0, Beijing);

    private void Stop(IActorRef actor)
    {
        Watch(actor);
        actor.Tell(PoisonPill.Instance);
        ExpectTerminated(actor);
    }

    [Fact]
    public void Plans_credits_and_reversals_survive_recovery_from_the_sqlite_journal()
    {
        var buyer = Buyer("hospital");
        buyer.Tell(new RegisterBuyer("hospital", Hospital));
        ExpectMsg<BuyerReply.Account>();
        buyer.Tell(new DeclarePlan("hospital", 2026, new Fen(300_000_000), null, true));
        var plan = ExpectMsg<BuyerReply.Account>().Buyer.PlanFor(2026)!;
        Assert.Equal(3000, plan.ReservedRatio!.Value.BasisPoints); // from hocon/showroom.conf: shenzhen-yantian 2020 = 0.30
        Assert.Equal("jurisdiction:shenzhen-yantian:2020", plan.RatioSource);

        buyer.Tell(new CreditOrder("hospital", "o-1", At(3, 1), new Fen(40_000_000), new Fen(50_000_000), null));
        Assert.Equal(new OrderCreditAck("hospital", "o-1", OrderCreditStatus.Credited), ExpectMsg<BuyerReply.CreditAcknowledged>().Ack);
        buyer.Tell(new CreditOrder("hospital", "o-2", At(3, 2), new Fen(8_000_000), new Fen(8_000_000), "hospital-union"));
        ExpectMsg<BuyerReply.CreditAcknowledged>();
        buyer.Tell(new ReverseOrder("hospital", "o-1", At(4, 1)));
        Assert.Equal(OrderCreditStatus.Reversed, ExpectMsg<BuyerReply.CreditAcknowledged>().Ack.Status);
        buyer.Tell(new RecordExternalPurchase("hospital", "832-0001", new Fen(5_000_000), true, At(5, 1), null));
        Assert.Equal(("hospital", "832-0001"), ExpectMsg<BuyerReply.PurchaseRecorded>() is var recorded ? (recorded.AccountId, recorded.Purchase.Reference) : default);
        Stop(buyer);

        var recovered = Buyer("hospital");
        recovered.Tell(new GetQuota("hospital", 2026));
        var quota = ExpectMsg<BuyerReply.Quota>().Figures;
        Assert.Equal(new Fen(90_000_000), quota.Target);
        Assert.Equal(new Fen(13_000_000), quota.Certified);
        Assert.Equal((new Fen(0), new Fen(8_000_000), new Fen(5_000_000)), (quota.ShowroomFen, quota.UnionFen, quota.ExternalFen));
        Assert.False(quota.OnTrack);

        var chain = JournalReader.Events(Settings, "buyer-hospital");
        Assert.Equal(6, chain.Count);
        for (var i = 0; i < chain.Count; i++)
            Assert.True(chain[i].HashMatches("buyer-hospital", i + 1, i == 0 ? ShowroomActors.Domain.Audit.HashChain.Genesis : chain[i - 1].Hash), $"hash of event {i + 1}");
    }

    [Fact]
    public void Repeated_commands_from_the_order_process_record_nothing_new()
    {
        var buyer = Buyer("firm");
        buyer.Tell(new RegisterBuyer("firm", new BuyerDetails(BuyerKind.Enterprise, "物流公司", null, null)));
        ExpectMsg<BuyerReply.Account>();
        var credit = new CreditOrder("firm", "o-1", At(3, 1), new Fen(1_000), new Fen(2_000), null);
        for (var i = 0; i < 3; i++)
        {
            buyer.Tell(credit);
            Assert.Equal(OrderCreditStatus.Credited, ExpectMsg<BuyerReply.CreditAcknowledged>().Ack.Status);
        }
        for (var i = 0; i < 2; i++)
        {
            buyer.Tell(new ReverseOrder("firm", "o-1", At(3, 5)));
            Assert.Equal(OrderCreditStatus.Reversed, ExpectMsg<BuyerReply.CreditAcknowledged>().Ack.Status);
        }
        buyer.Tell(credit); // a late retry of the credit after the refund is ignored
        Assert.Equal(OrderCreditStatus.Reversed, ExpectMsg<BuyerReply.CreditAcknowledged>().Ack.Status);

        Assert.Equal(3, JournalReader.Events(Settings, "buyer-firm").Count);
    }

    [Fact]
    public void Recovers_from_a_snapshot_plus_later_events()
    {
        var buyer = Buyer("school");
        buyer.Tell(new RegisterBuyer("school", Hospital with { Name = "田东小学" }));
        ExpectMsg<BuyerReply.Account>();
        for (var i = 1; i <= 4; i++)
        {
            buyer.Tell(new CreditOrder("school", $"o-{i}", At(2, i), new Fen(i * 100), new Fen(i * 100), null));
            ExpectMsg<BuyerReply.CreditAcknowledged>();
        }
        Stop(buyer);

        var recovered = Buyer("school");
        recovered.Tell(new CreditOrder("school", "o-5", At(2, 5), new Fen(500), new Fen(500), null));
        ExpectMsg<BuyerReply.CreditAcknowledged>();
        recovered.Tell(new GetBuyer("school"));
        Assert.Equal(new Fen(1_500), ExpectMsg<BuyerReply.Account>().Buyer.Years.Single(y => y.Year == 2026).Certified);
        // The ledger came back with the snapshot: a credit it already holds is recognised, not counted again.
        recovered.Tell(new CreditOrder("school", "o-1", At(2, 1), new Fen(100), new Fen(100), null));
        Assert.Equal(OrderCreditStatus.Credited, ExpectMsg<BuyerReply.CreditAcknowledged>().Ack.Status);
        recovered.Tell(new GetBuyer("school"));
        Assert.Equal(new Fen(1_500), ExpectMsg<BuyerReply.Account>().Buyer.Years.Single(y => y.Year == 2026).Certified);

        var chain = JournalReader.Events(Settings, "buyer-school");
        Assert.Equal(6, chain.Count);
        Assert.True(chain[^1].HashMatches("buyer-school", 6, chain[^2].Hash)); // chained after the event before
    }

    [Fact]
    public void Rejections_change_nothing_and_reads_of_unknown_buyers_answer_not_found()
    {
        var ghost = Buyer("ghost");
        ghost.Tell(new DeclarePlan("ghost", 2026, new Fen(1), null, true));
        Assert.Equal(RejectionCode.NotFound, ExpectMsg<BuyerReply.Rejected>().Rejection.Code);
        ghost.Tell(new GetCreditTarget("ghost"));
        Assert.Equal(RejectionCode.NotFound, ExpectMsg<BuyerReply.Rejected>().Rejection.Code);

        var buyer = Buyer("unit");
        buyer.Tell(new RegisterBuyer("unit", Hospital));
        ExpectMsg<BuyerReply.Account>();
        buyer.Tell(new DeclarePlan("unit", 2026, new Fen(-5), null, true));
        Assert.Equal("canteenFoodBudgetFen", ExpectMsg<BuyerReply.Rejected>().Rejection.Field);
        buyer.Tell(new RecordExternalPurchase("unit", "r-1", new Fen(10), true, _clock.GetUtcNow().AddDays(2), null));
        Assert.Equal("at", ExpectMsg<BuyerReply.Rejected>().Rejection.Field);
        buyer.Tell(new GetQuota("unit", 2026));
        Assert.Equal(QuotaStatus.NoPlan, ExpectMsg<BuyerReply.Quota>().Figures.Status);
        Assert.Single(JournalReader.Events(Settings, "buyer-unit"));
    }

    [Fact]
    public void A_union_answers_where_its_purchases_are_credited()
    {
        var union = Buyer("hospital-union");
        union.Tell(new RegisterBuyer("hospital-union", new BuyerDetails(BuyerKind.TradeUnion, "医院工会", "hospital", null)));
        ExpectMsg<BuyerReply.Account>();
        union.Tell(new GetCreditTarget("hospital-union"));
        Assert.Equal(new CreditTarget("hospital-union", BuyerKind.TradeUnion, "hospital", "hospital-union"), ExpectMsg<BuyerReply.Target>().CreditTarget);
    }
}
