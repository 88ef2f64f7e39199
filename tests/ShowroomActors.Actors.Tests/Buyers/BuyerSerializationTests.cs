using System.Collections.Immutable;
using System.Text;
using Akka.Serialization;
using ShowroomActors.Actors.Buyers;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Actors.Serialization;
using ShowroomActors.Actors.Tests.Support;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Common;
using Xunit.Abstractions;

namespace ShowroomActors.Actors.Tests.Buyers;

/// <summary>Every buyer event, snapshot, command and reply survives our serializer, with readable JSON.</summary>
public sealed class BuyerSerializationTests(ITestOutputHelper output) : SqliteTestKit(output)
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly BuyerDetails Union = new(BuyerKind.TradeUnion, "盐田区人民医院工会委员会", "hospital", null);
    private static readonly Ratio Thirty = Ratio.FromBasisPoints(3000);

    public static IEnumerable<object[]> Events() =>
    [
        [new BuyerRegistered("union", Union)],
        [new PlanDeclared("hospital", 2026, new Fen(300_000_000), Thirty, "jurisdiction:shenzhen-yantian:2020", true)],
        [new PlanDeclared("office", 2019, new Fen(0), null, null, false)],
        [new OrderCredited("hospital", "0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", At, 2026, new Fen(12_080), new Fen(18_880), "union")],
        [new OrderReversed("hospital", "o-1", At, 2025, new Fen(1), new Fen(2), null)],
        [new OrderReversed("hospital", "o-2", At, null, Fen.Zero, Fen.Zero, null)],
        [new ExternalPurchaseRecorded("hospital", "832-0001", At, 2026, new Fen(20_000), true, null)],
    ];

    [Theory]
    [MemberData(nameof(Events), DisableDiscoveryEnumeration = true)]
    public void Events_round_trip_inside_the_hash_chain(IBuyerEvent evt)
    {
        var chained = EventChain.Seal("buyer-x", 1, At, evt, Domain.Audit.HashChain.Genesis);
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(chained);
        var back = (ChainedEvent)serializer.FromBinary(serializer.ToBinary(chained), serializer.Manifest(chained));

        Assert.Equal(evt, back.Event);
        Assert.True(back.HashMatches("buyer-x", 1, ShowroomActors.Domain.Audit.HashChain.Genesis));
        Assert.StartsWith("buyer.", back.Manifest);
    }

    [Fact]
    public void Journal_payloads_are_readable_json_with_exact_ratios_and_api_spellings()
    {
        var registered = Encoding.UTF8.GetString(MessageRegistry.Find(typeof(BuyerRegistered)).ToJson(new BuyerRegistered("union", Union)));
        Assert.Contains("\"kind\":\"trade-union\"", registered);
        Assert.Contains("盐田区人民医院工会委员会", registered);
        var plan = Encoding.UTF8.GetString(MessageRegistry.Find(typeof(PlanDeclared)).ToJson(
            new PlanDeclared("hospital", 2026, new Fen(300_000_000), Thirty, "plan", true)));
        Assert.Contains("\"reservedRatio\":0.3,", plan);
        Assert.Contains("\"canteenFoodBudget\":300000000", plan);
    }

    public static IEnumerable<object[]> Messages()
    {
        return
        [
            [new RegisterBuyer("union", Union)],
            [new DeclarePlan("hospital", 2026, new Fen(1), Thirty, true)],
            [new DeclarePlan("hospital", 2026, new Fen(1), null, false)],
            [new CreditOrder("hospital", "o-1", At, new Fen(1), new Fen(2), "union")],
            [new ReverseOrder("hospital", "o-1", At)],
            [new RecordExternalPurchase("hospital", "r-1", new Fen(3), false, At, null)],
            [new GetBuyer("hospital")],
            [new GetCreditTarget("union")],
            [new GetQuota("hospital", 2026)],
            [new GetStatement("firm", At, At.AddDays(30))],
            [new CreditTarget("union", BuyerKind.TradeUnion, "hospital", "union")],
            [new OrderCreditAck("hospital", "o-1", OrderCreditStatus.ClosedUncredited)],
            [new GetQuotaReportStatus()],
            [new QuotaReportStatus(12, 40, 28, 1)],
        ];
    }

    [Theory]
    [MemberData(nameof(Messages), DisableDiscoveryEnumeration = true)]
    public void Commands_and_replies_round_trip(IShowroomMessage message) => Assert.Equal(message, RoundTrip(message));

    [Fact]
    public void State_snapshot_quota_and_statement_round_trip()
    {
        var state = StateSample();
        var snapshot = RoundTrip(new EntitySnapshot<BuyerState>(state, new string('a', 64)));
        AssertSameState(state, snapshot.State);
        AssertSameState(state, RoundTrip(state));

        var figures = QuotaFigures.Compute(2026, state.PlanFor(2026), state.TallyFor(2026), At);
        Assert.Equal(figures, RoundTrip(figures));

        var statement = PurchaseStatement.Of(state, At.AddDays(-1), At.AddDays(1));
        var back = RoundTrip(statement);
        Assert.Equal(statement.Lines, back.Lines);
        Assert.Equal(statement with { Lines = back.Lines }, back);
    }

    private static BuyerState StateSample() => new()
    {
        BuyerId = "hospital",
        Details = new BuyerDetails(BuyerKind.BudgetUnit, "医院", null, "shenzhen-yantian"),
        Plans = ImmutableSortedDictionary<int, AnnualPlan>.Empty.Add(2026, new AnnualPlan(2026, new Fen(1_000), Thirty, "plan", true)),
        Tallies = ImmutableSortedDictionary<int, YearTally>.Empty.Add(2026, new YearTally(new Fen(1), new Fen(2), new Fen(3), new Fen(9), new Fen(0))),
        Orders = ImmutableSortedDictionary<string, OrderCredit>.Empty
            .Add("o-1", new OrderCredit("o-1", At, 2026, new Fen(1), new Fen(2), null, null))
            .Add("o-2", new OrderCredit("o-2", null, null, Fen.Zero, Fen.Zero, null, At)),
        ExternalPurchases = ImmutableSortedDictionary<string, ExternalPurchase>.Empty.Add("u/r", new ExternalPurchase("r", At, 2026, new Fen(3), true, "u")),
    };

    private static void AssertSameState(BuyerState expected, BuyerState actual)
    {
        Assert.Equal(expected.BuyerId, actual.BuyerId);
        Assert.Equal(expected.Details, actual.Details);
        Assert.Equal(expected.Plans, actual.Plans);
        Assert.Equal(expected.Tallies, actual.Tallies);
        Assert.Equal(expected.Orders, actual.Orders);
        Assert.Equal(expected.ExternalPurchases, actual.ExternalPurchases);
    }

    private T RoundTrip<T>(T message) where T : notnull
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(message);
        Assert.IsType<ShowroomSerializer>(serializer);
        return (T)serializer.FromBinary(serializer.ToBinary(message), serializer.Manifest(message));
    }
}
