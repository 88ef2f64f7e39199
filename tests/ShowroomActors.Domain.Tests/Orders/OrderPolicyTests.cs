using ShowroomActors.Domain.Catalog;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Orders;
using static ShowroomActors.Domain.Tests.Orders.OrderFixtures;

namespace ShowroomActors.Domain.Tests.Orders;

/// <summary>Issue 18: anonymous orders cannot reserve the shelves empty or keep them reserved for long.</summary>
public sealed class OrderPolicyTests
{
    private static readonly OrderPolicy Policy = new(TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(10),
        new OrderLimits(5, new Fen(20_000)), new OrderLimits(50, new Fen(1_000_000)));

    private static OrderState Settled(OrderRequest request, OrderPolicy policy, params IStockLedgerReply[] answers)
    {
        var checks = PlacementChecks.For(request).WithSlot("A-01", null);
        if (request.BuyerId is not null) checks = checks.WithBuyer(request.BuyerId, Hospital, null);
        return OrderProcess.Settle(Placed(request), checks, answers.ToDictionary(a => a.ProductId), T0, policy).Events.AppliedTo(Placed(request));
    }

    [Fact]
    public void An_anonymous_qr_order_holds_its_stock_for_less_time_than_an_account_or_web_order()
    {
        var uncapped = Policy with { Anonymous = OrderLimits.None };
        var anonymousQr = Settled(RiceAndGreens(buyerId: null), uncapped, Held("rice", 2, 7800, true), Held("greens", 1, 6800, false));
        var account = Settled(RiceAndGreens(), uncapped, Held("rice", 2, 7800, true), Held("greens", 1, 6800, false));
        var anonymousWeb = Settled(RiceAndGreens(buyerId: null, slotId: null), uncapped, Held("rice", 2, 7800, true), Held("greens", 1, 6800, false));
        Assert.Equal(T0 + TimeSpan.FromMinutes(10), anonymousQr.ExpiresAt);
        Assert.Equal(T0 + TimeSpan.FromMinutes(30), account.ExpiresAt);
        Assert.Equal(T0 + TimeSpan.FromMinutes(30), anonymousWeb.ExpiresAt);
    }

    [Fact]
    public void Units_over_the_cap_are_refused_before_anything_is_recorded_and_the_cap_depends_on_the_account()
    {
        var many = new OrderRequest(null, OrderChannel.Web, null, [new OrderLineRequest("rice", 4), new OrderLineRequest("greens", 2)]);
        var refused = Policy.CheckUnits(many)!;
        Assert.Equal((RejectionCode.Unprocessable, "lines"), (refused.Code, refused.Field));
        Assert.Contains("6", refused.Message);
        Assert.Null(Policy.CheckUnits(many with { BuyerId = "hospital" }));
        Assert.Null(Policy.CheckUnits(many with { Lines = [new OrderLineRequest("rice", 5)] }));
    }

    [Fact]
    public void An_order_worth_more_than_its_cap_is_rejected_once_priced_and_releases_what_it_held()
    {
        // 2 x 78.00 + 1 x 68.00 = 224.00, over the anonymous cap of 200.00 but far under the account's.
        var anonymous = Settled(RiceAndGreens(buyerId: null), Policy, Held("rice", 2, 7800, true), Held("greens", 1, 6800, false));
        Assert.Equal((OrderStatus.Rejected, LedgerStep.Releasing), (anonymous.Status, anonymous.Ledger));
        Assert.Equal(("lines", RejectionCode.Unprocessable), (anonymous.Rejection!.Field, anonymous.Rejection.Code));
        Assert.Equal([new ReleaseStock("rice", Id), new ReleaseStock("greens", Id)], OrderProcess.Commands(anonymous));

        var account = Settled(RiceAndGreens(), Policy, Held("rice", 2, 7800, true), Held("greens", 1, 6800, false));
        Assert.Equal((OrderStatus.Reserved, 22400L), (account.Status, account.Total.Value));
    }
}
