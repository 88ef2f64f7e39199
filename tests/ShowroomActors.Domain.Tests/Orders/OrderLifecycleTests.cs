using ShowroomActors.Domain.Catalog;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Orders;

namespace ShowroomActors.Domain.Tests.Orders;

public sealed class OrderLifecycleTests
{
    private const string Id = "0198f0c2-7a1b-7c3d-8e4f-000000000042";
    private static readonly DateTimeOffset T0 = new(2026, 9, 8, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);
    private static readonly OrderRequest TwoLines = new(null, OrderChannel.Web, null,
        [new OrderLineRequest("rice", 2), new OrderLineRequest("tea", 1)]);

    private static OrderState Run(OrderState state, IOrderCommand command, DateTimeOffset? at = null)
    {
        var decision = OrderState.Decide(state, command, at ?? T0);
        Assert.False(decision.IsRejected, decision.Rejection?.Message);
        return decision.Events.AppliedTo(state);
    }

    private static Rejection Refused(OrderState state, IOrderCommand command) =>
        OrderState.Decide(state, command, T0).Rejection ?? throw new Xunit.Sdk.XunitException($"{command} was accepted");

    private static OrderState Settle(OrderState state, params IStockLedgerReply[] answers) =>
        OrderProcess.Settle(state, answers.ToDictionary(a => a.ProductId), T0, OrderPolicy.Holding(Timeout)).Events.AppliedTo(state);

    private static ReservationAnswer Held(string productId, int quantity, long priceFen) =>
        new(productId, Id, ReservationStatus.Reserved, quantity, new Fen(priceFen), productId + " name", Certified: true);

    private static OrderState Reserved() =>
        Settle(Run(OrderState.Empty(Id), new PlaceOrder(Id, TwoLines)), Held("rice", 2, 7800), Held("tea", 1, 12800));

    [Fact]
    public void Placing_records_the_intent_and_asks_every_product_to_reserve()
    {
        var placed = Run(OrderState.Empty(Id), new PlaceOrder(Id, TwoLines));
        Assert.Equal((OrderStatus.Placed, LedgerStep.Reserving), (placed.Status, placed.Ledger));
        Assert.Equal([new ReserveStock("rice", Id, 2), new ReserveStock("tea", Id, 1)], OrderProcess.Commands(placed));
        Assert.Null(placed.PlacementOutcome());
        Assert.Empty(OrderState.Decide(placed, new PlaceOrder(Id, TwoLines with { }), T0).Events);
        Assert.Equal(RejectionCode.Conflict, Refused(placed, new PlaceOrder(Id, TwoLines with { BuyerId = "other" })).Code);
    }

    [Fact]
    public void Reserved_at_the_products_prices_once_every_line_answered_with_an_expiry()
    {
        var placed = Run(OrderState.Empty(Id), new PlaceOrder(Id, TwoLines));
        Assert.Equal(placed, Settle(placed, Held("rice", 2, 7800))); // one line still silent: nothing to decide yet

        var reserved = Reserved();
        Assert.Equal((OrderStatus.Reserved, LedgerStep.Held), (reserved.Status, reserved.Ledger));
        Assert.Equal(new Fen(2 * 7800 + 12800), reserved.Total);
        Assert.Equal(T0 + Timeout, reserved.ExpiresAt);
        Assert.Empty(OrderProcess.Commands(reserved));
        var outcome = reserved.PlacementOutcome()!;
        Assert.Equal(OrderStatus.Reserved, outcome.Order!.Status);
        Assert.Equal(new Fen(7800), outcome.Order.Lines[0].UnitPrice);
    }

    [Fact]
    public void A_refused_line_rejects_the_order_naming_the_first_failing_line_and_releases_everything()
    {
        var placed = Run(OrderState.Empty(Id), new PlaceOrder(Id, TwoLines));
        var rejected = Settle(placed, Held("rice", 2, 7800),
            new ReservationRefused("tea", Id, Rejection.Conflict("Only 0 of tea available; 1 requested.", "quantity")));

        Assert.Equal((OrderStatus.Rejected, LedgerStep.Releasing), (rejected.Status, rejected.Ledger));
        Assert.Equal("lines[1].quantity", rejected.Rejection!.Field);
        Assert.Equal([new ReleaseStock("rice", Id), new ReleaseStock("tea", Id)], OrderProcess.Commands(rejected));
        Assert.Null(rejected.PlacementOutcome()); // answered only once nothing is held any more

        var released = Settle(rejected, Released("rice"), Released("tea"));
        Assert.Equal(LedgerStep.Released, released.Ledger);
        Assert.Equal("lines[1].quantity", released.PlacementOutcome()!.Rejection!.Field);
    }

    [Fact]
    public void Only_answers_to_the_current_step_count()
    {
        var rejected = Settle(Run(OrderState.Empty(Id), new PlaceOrder(Id, TwoLines)),
            new ReservationRefused("rice", Id, Rejection.NotFound("no", "productId")), Held("tea", 1, 12800));
        Assert.False(OrderProcess.Answers(rejected, Held("tea", 1, 12800))); // a late reservation answer while releasing
        Assert.True(OrderProcess.Answers(rejected, Released("tea")));
        Assert.False(OrderProcess.Answers(rejected, Released("other-product")));
        Assert.False(OrderProcess.Answers(rejected, new ReservationAnswer("tea", "another-order", ReservationStatus.Released, 1, Fen.Zero, "", false)));
        Assert.Equal("lines[0].productId", rejected.Rejection!.Field);
        Assert.Equal(RejectionCode.NotFound, rejected.Rejection.Code);
    }

    private static ReservationAnswer Released(string productId) => new(productId, Id, ReservationStatus.Released, 0, Fen.Zero, "", false);

    [Fact]
    public void The_happy_path_pays_ships_commits_delivers_and_inspects()
    {
        var paid = Run(Reserved(), new PayOrder(Id, new Fen(28400), "wx-1"));
        Assert.Equal(OrderStatus.Paid, paid.Status);
        Assert.False(paid.AwaitsPayment);
        var shipped = Run(paid, new ShipOrder(Id, "SF123"));
        Assert.Equal((OrderStatus.Shipped, LedgerStep.Committing), (shipped.Status, shipped.Ledger));
        Assert.Equal([new CommitStock("rice", Id), new CommitStock("tea", Id)], OrderProcess.Commands(shipped));
        var committed = Settle(shipped, Committed("rice"), Committed("tea"));
        Assert.Equal(LedgerStep.Committed, committed.Ledger);
        var inspected = Run(Run(committed, new DeliverOrder(Id)), new InspectOrder(Id, "44031234-0001"));
        Assert.Equal((OrderStatus.Inspected, "44031234-0001"), (inspected.Status, inspected.InvoiceNo));
        Assert.Equal(["placed", "reserved", "paid", "shipped", "stock-committed", "delivered", "inspected"], inspected.History().Select(h => h.Event));
        Assert.Equal(RejectionCode.Conflict, Refused(inspected, new InspectOrder(Id, "other")).Code);
        Assert.Empty(OrderState.Decide(inspected, new InspectOrder(Id, "44031234-0001"), T0).Events);
    }

    private static ReservationAnswer Committed(string productId) => new(productId, Id, ReservationStatus.Committed, 1, Fen.Zero, "", false);

    [Fact]
    public void Payment_notifications_are_checked_and_idempotent_even_out_of_order()
    {
        var reserved = Reserved();
        var wrong = Refused(reserved, new PayOrder(Id, new Fen(100), "wx-1"));
        Assert.Equal((RejectionCode.Unprocessable, "amountFen"), (wrong.Code, wrong.Field));
        var paid = Run(reserved, new PayOrder(Id, new Fen(28400), "wx-1"));
        Assert.Empty(OrderState.Decide(paid, new PayOrder(Id, new Fen(28400), "wx-1"), T0).Events);
        Assert.Empty(OrderState.Decide(paid, new PayOrder(Id, new Fen(28400), null), T0).Events);
        Assert.Equal("paymentRef", Refused(paid, new PayOrder(Id, new Fen(28400), "wx-2")).Field);
        var shipped = Run(paid, new ShipOrder(Id, null));
        Assert.Empty(OrderState.Decide(shipped, new PayOrder(Id, new Fen(28400), "wx-1"), T0).Events); // arrives after shipment
        Assert.Equal("status", Refused(Run(OrderState.Empty(Id), new PlaceOrder(Id, TwoLines)), new PayOrder(Id, new Fen(28400), null)).Field);
    }

    [Fact]
    public void Illegal_steps_are_conflicts_naming_the_current_status()
    {
        var reserved = Reserved();
        var ship = Refused(reserved, new ShipOrder(Id, null));
        Assert.Equal((RejectionCode.Conflict, "status"), (ship.Code, ship.Field));
        Assert.Contains("reserved", ship.Message);
        Assert.Contains("reserved", Refused(reserved, new DeliverOrder(Id)).Message);
        Assert.Contains("reserved", Refused(reserved, new RefundOrder(Id, null)).Message);
        var shipped = Run(Run(reserved, new PayOrder(Id, new Fen(28400), null)), new ShipOrder(Id, null));
        Assert.Contains("shipped", Refused(shipped, new CancelOrder(Id, null)).Message);
        Assert.Equal(RejectionCode.NotFound, Refused(OrderState.Empty(Id), new ShipOrder(Id, null)).Code);
    }

    [Fact]
    public void Cancel_before_shipment_releases_and_refund_releases_only_what_is_still_held()
    {
        var cancelled = Run(Reserved(), new CancelOrder(Id, "买家取消"));
        Assert.Equal((OrderStatus.Cancelled, LedgerStep.Releasing, "买家取消"), (cancelled.Status, cancelled.Ledger, cancelled.CancelReason));
        Assert.Contains("cancelled", Refused(cancelled, new RefundOrder(Id, null)).Message); // never paid: nothing to refund

        var paid = Run(Reserved(), new PayOrder(Id, new Fen(28400), null));
        var refundedBeforeShipment = Run(paid, new RefundOrder(Id, "缺货"));
        Assert.Equal((OrderStatus.Refunded, LedgerStep.Releasing, new Fen(28400)), (refundedBeforeShipment.Status, refundedBeforeShipment.Ledger, refundedBeforeShipment.Refunded));

        var paidThenCancelled = Run(paid, new CancelOrder(Id, null));
        Assert.Equal(OrderStatus.Refunded, Run(paidThenCancelled, new RefundOrder(Id, null)).Status);

        var shipped = Settle(Run(paid, new ShipOrder(Id, null)), Committed("rice"), Committed("tea"));
        var refundedAfterShipment = Run(shipped, new RefundOrder(Id, "质量问题"));
        Assert.Equal(LedgerStep.Committed, refundedAfterShipment.Ledger); // the goods left; a refund does not put them back
    }

    [Fact]
    public void An_unpaid_reservation_expires_at_its_deadline_and_not_before_nor_after_payment()
    {
        var reserved = Reserved();
        Assert.Empty(OrderState.Expire(reserved, T0 + Timeout - TimeSpan.FromSeconds(1)).Events);
        var expired = OrderState.Expire(reserved, T0 + Timeout).Events.AppliedTo(reserved);
        Assert.Equal((OrderStatus.Cancelled, LedgerStep.Releasing, "expired"), (expired.Status, expired.Ledger, expired.CancelReason));
        Assert.Equal("expired", expired.History()[^1].Event);
        Assert.Contains("cancelled", Refused(expired, new PayOrder(Id, new Fen(28400), null)).Message);

        var paid = Run(reserved, new PayOrder(Id, new Fen(28400), null));
        Assert.Empty(OrderState.Expire(paid, T0 + Timeout * 10).Events);
    }
}
