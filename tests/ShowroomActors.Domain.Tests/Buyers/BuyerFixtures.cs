using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Tests.Buyers;

/// <summary>Accounts, a ratio table and a fixed clock shared by the buyer tests.</summary>
internal static class BuyerFixtures
{
    public static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>1 July 2026, 00:00 in Shenzhen: 181 of 365 days of 2026 have gone by.</summary>
    public static readonly DateTimeOffset Now = new(2026, 7, 1, 0, 0, 0, Beijing);

    public static readonly RatioTable Ratios = new(
        new Dictionary<int, Ratio> { [2021] = R(0.10m), [2024] = R(0.15m) },
        new Dictionary<string, IReadOnlyDictionary<int, Ratio>>
        {
            ["shenzhen-yantian"] = new Dictionary<int, Ratio> { [2020] = R(0.30m) },
        });

    public static Ratio R(decimal value)
    {
        Assert.Null(Ratio.TryFrom(value, "ratio", out var ratio));
        return ratio;
    }

    public static DateTimeOffset At(int year, int month, int day, int hour = 12) => new(year, month, day, hour, 0, 0, Beijing);

    public static BuyerDetails Unit(string name = "盐田区人民医院", string? jurisdiction = "shenzhen-yantian") =>
        new(BuyerKind.BudgetUnit, name, null, jurisdiction);

    public static BuyerDetails Union(string parent) => new(BuyerKind.TradeUnion, "医院工会", parent, null);

    public static BuyerDetails Enterprise() => new(BuyerKind.Enterprise, "盐港通达物流有限公司", null, null);

    public static BuyerState Given(string buyerId, params IBuyerEvent[] events) =>
        events.Aggregate(BuyerState.Empty(buyerId), BuyerState.Apply);

    public static BuyerState Registered(string buyerId, BuyerDetails details, params IBuyerEvent[] more) =>
        Given(buyerId, [new BuyerRegistered(buyerId, details), .. more]);

    public static Decision<IBuyerEvent> Decide(BuyerState state, IBuyerCommand command) =>
        BuyerState.Decide(state, command, Now, Ratios);

    /// <summary>Decides, asserts acceptance and applies the events.</summary>
    public static BuyerState Run(BuyerState state, IBuyerCommand command)
    {
        var decision = Decide(state, command);
        Assert.False(decision.IsRejected, decision.Rejection?.Message);
        return decision.Events.Aggregate(state, BuyerState.Apply);
    }

    public static T Single<T>(Decision<IBuyerEvent> decision) where T : IBuyerEvent
    {
        Assert.False(decision.IsRejected, decision.Rejection?.Message);
        return Assert.IsType<T>(Assert.Single(decision.Events));
    }

    public static Rejection Rejected(Decision<IBuyerEvent> decision, RejectionCode code, string field)
    {
        var rejection = Assert.IsType<Rejection>(decision.Rejection);
        Assert.Equal(code, rejection.Code);
        Assert.Equal(field, rejection.Field);
        Assert.Empty(decision.Events);
        return rejection;
    }

    public static Fen F(long value) => new(value);
}
