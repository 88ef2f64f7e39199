using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Catalog;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Orders;
using static ShowroomActors.Domain.Tests.Orders.OrderFixtures;

namespace ShowroomActors.Domain.Tests.Orders;

/// <summary>A placing order checks the buyer account and slot its request names before any product is asked.</summary>
public sealed class PlacementChecksTests
{
    private static readonly Rejection NotFound = Rejection.NotFound("not registered", "buyerId");
    private static readonly Rejection Unavailable = new(RejectionCode.Unavailable, "journal down");

    [Fact]
    public void No_product_is_asked_until_the_buyer_and_the_slot_are_known()
    {
        var placed = Placed(RiceAndGreens());
        var checks = PlacementChecks.For(placed.Request!);
        Assert.False(checks.Complete);
        Assert.Empty(OrderProcess.Commands(placed, checks));

        checks = checks.WithBuyer("hospital", Hospital, null);
        Assert.Empty(OrderProcess.Commands(placed, checks));
        Assert.Empty(OrderProcess.Settle(placed, checks, new Dictionary<string, IStockLedgerReply>(), T0, OrderPolicy.Holding(PayWithin)).Events);

        checks = checks.WithSlot("A-01", null);
        Assert.True(checks.Passed);
        Assert.Equal([new ReserveStock("rice", Id, 2), new ReserveStock("greens", Id, 1)], OrderProcess.Commands(placed, checks));
    }

    [Fact]
    public void A_request_without_buyer_or_slot_needs_no_check()
    {
        var checks = PlacementChecks.For(RiceAndGreens(buyerId: null, slotId: null));
        Assert.True(checks.Passed);
        var reserved = Settle(Placed(RiceAndGreens(null, null)), checks, Held("rice", 2, 7800, true), Held("greens", 1, 6800, false));
        Assert.Equal(OrderStatus.Reserved, reserved.Status);
        Assert.Null(reserved.CreditTarget);
    }

    [Fact]
    public void An_unknown_buyer_declines_the_order_before_any_product_is_asked_and_nothing_is_left_to_release()
    {
        var placed = Placed(RiceAndGreens());
        var checks = PlacementChecks.For(placed.Request!).WithBuyer("hospital", null, NotFound);

        Assert.True(checks.Complete);
        Assert.False(checks.Passed);
        Assert.Empty(OrderProcess.Commands(placed, checks));
        var declined = Settle(placed, checks);
        Assert.Equal((OrderStatus.Rejected, LedgerStep.Released), (declined.Status, declined.Ledger));
        Assert.False(declined.HasLedgerWork);
        Assert.Empty(OrderProcess.Commands(declined));
        var outcome = declined.PlacementOutcome()!;
        Assert.Null(outcome.Order);
        Assert.Equal((RejectionCode.Unprocessable, "buyerId"), (outcome.Rejection!.Code, outcome.Rejection.Field));
        Assert.Contains("hospital", outcome.Rejection.Message);
        Assert.Equal(["placed", "declined"], declined.History().Select(h => h.Event));
    }

    [Fact]
    public void An_unknown_slot_declines_naming_slotId()
    {
        var placed = Placed(RiceAndGreens());
        var checks = PlacementChecks.For(placed.Request!).WithBuyer("hospital", Hospital, null).WithSlot("A-01", Rejection.NotFound("no slot", "slotId"));
        var declined = Settle(placed, checks);
        Assert.Equal("slotId", declined.PlacementOutcome()!.Rejection!.Field);
        Assert.Equal(LedgerStep.Released, declined.Ledger);
    }

    [Fact]
    public void A_transient_failure_leaves_the_check_open_to_be_asked_again()
    {
        var checks = PlacementChecks.For(RiceAndGreens()).WithBuyer("hospital", null, Unavailable).WithSlot("A-01", Unavailable);
        Assert.False(checks.Complete);
        Assert.Null(checks.Failure);
        Assert.False(checks.BuyerChecked);
        Assert.False(checks.SlotChecked);
    }

    [Fact]
    public void Once_complete_later_answers_change_nothing()
    {
        var failed = PlacementChecks.For(RiceAndGreens()).WithBuyer("hospital", null, NotFound);
        Assert.Equal(failed, failed.WithBuyer("hospital", Hospital, null));
        var passed = PlacementChecks.For(RiceAndGreens()).WithBuyer("hospital", Hospital, null).WithSlot("A-01", null);
        Assert.Equal(passed, passed.WithSlot("A-01", Rejection.NotFound("no slot", "slotId")));
    }

    [Fact]
    public void The_reservation_records_each_lines_certification_and_the_buyers_credit_target()
    {
        var reserved = Reserved(HospitalUnion);
        Assert.Equal(HospitalUnion, reserved.CreditTarget);
        Assert.Equal([true, false], reserved.Lines.Select(l => l.Certified));
        Assert.Equal(F(2 * 7800 + 6800), reserved.Total);
        var reservedEvent = Assert.IsType<OrderReserved>(OrderProcess.Settle(Placed(RiceAndGreens("hospital-union")),
            PlacementChecks.For(RiceAndGreens("hospital-union")).WithBuyer("hospital-union", HospitalUnion, null).WithSlot("A-01", null),
            new Dictionary<string, IStockLedgerReply> { ["rice"] = Held("rice", 2, 7800, true), ["greens"] = Held("greens", 1, 6800, false) },
            T0, OrderPolicy.Holding(PayWithin)).Events.Single());
        Assert.Equal(HospitalUnion, reservedEvent.CreditTarget);
        Assert.Equal([true, false], reservedEvent.Lines.Select(l => l.Certified));
    }
}
