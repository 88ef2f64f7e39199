using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Catalog;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Orders;

namespace ShowroomActors.Domain.Tests.Orders;

/// <summary>Orders of a budget unit and of its trade union, driven through the pure functions the entity uses.</summary>
internal static class OrderFixtures
{
    public const string Id = "0198f0c2-7a1b-7c3d-8e4f-000000000077";
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(8));
    public static readonly TimeSpan PayWithin = TimeSpan.FromMinutes(30);
    public static readonly CreditTarget Hospital = new("hospital", BuyerKind.BudgetUnit, "hospital", null);
    public static readonly CreditTarget HospitalUnion = new("hospital-union", BuyerKind.TradeUnion, "hospital", "hospital-union");

    /// <summary>Certified rice (2 x 78.00) and uncertified vegetables (1 x 68.00), for <paramref name="buyerId"/> from slot A-01.</summary>
    public static OrderRequest RiceAndGreens(string? buyerId = "hospital", string? slotId = "A-01") =>
        new(buyerId, slotId is null ? OrderChannel.Web : OrderChannel.Qr, slotId, [new OrderLineRequest("rice", 2), new OrderLineRequest("greens", 1)]);

    public static ReservationAnswer Held(string productId, int quantity, long priceFen, bool certified) =>
        new(productId, Id, ReservationStatus.Reserved, quantity, new Fen(priceFen), productId + " name", certified);

    public static OrderState Placed(OrderRequest request) => Run(OrderState.Empty(Id), new PlaceOrder(Id, request));

    public static OrderState Run(OrderState state, IOrderCommand command, CreditMoment creditAt = CreditMoment.Payment, DateTimeOffset? at = null)
    {
        var decision = OrderQuota.Follow(state, OrderState.Decide(state, command, at ?? T0), creditAt);
        Assert.False(decision.IsRejected, decision.Rejection?.Message);
        return decision.Events.AppliedTo(state);
    }

    public static OrderState Settle(OrderState state, PlacementChecks checks, params IStockLedgerReply[] answers) =>
        OrderProcess.Settle(state, checks, answers.ToDictionary(a => a.ProductId), T0, OrderPolicy.Holding(PayWithin)).Events.AppliedTo(state);

    /// <summary>Placed for <paramref name="target"/>'s buyer, checks passed, rice certified and greens not: reserved for 224.00.</summary>
    public static OrderState Reserved(CreditTarget? target)
    {
        var request = RiceAndGreens(target?.BuyerId);
        var checks = PlacementChecks.For(request).WithSlot("A-01", null);
        if (target is not null) checks = checks.WithBuyer(target.BuyerId, target, null);
        return Settle(Placed(request), checks, Held("rice", 2, 7800, certified: true), Held("greens", 1, 6800, certified: false));
    }

    public static Fen F(long fen) => new(fen);
}
