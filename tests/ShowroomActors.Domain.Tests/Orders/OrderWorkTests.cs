using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Orders;
using static ShowroomActors.Domain.Tests.Orders.OrderFixtures;

namespace ShowroomActors.Domain.Tests.Orders;

/// <summary>The sweeper's view of an order, folded from events alone, agrees with the order's own state at every step.</summary>
public sealed class OrderWorkTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    /// <summary>Whole lives of orders, as the entity records them (steps decided by the same functions).</summary>
    public static TheoryData<string> Lives() => new() { "paid-shipped-inspected-refunded", "cancelled-after-payment", "expired", "rejected", "declined" };

    private static IReadOnlyList<IOrderEvent> Life(string name)
    {
        var request = RiceAndGreens();
        var placed = new OrderPlaced(Id, request, T0);
        var reserved = (OrderReserved)OrderProcess.Settle(OrderState.Apply(OrderState.Empty(Id), placed),
            PlacementChecks.For(request).WithBuyer("hospital", Hospital, null).WithSlot("A-01", null),
            new Dictionary<string, ShowroomActors.Domain.Catalog.IStockLedgerReply> { ["rice"] = Held("rice", 2, 7800, true), ["greens"] = Held("greens", 1, 6800, false) },
            T0, OrderPolicy.Holding(PayWithin)).Events.Single();
        var events = new List<IOrderEvent> { placed };
        var state = OrderState.Apply(OrderState.Empty(Id), placed);
        void Add(params IOrderEvent[] more)
        {
            foreach (var e in more)
            {
                events.Add(e);
                state = OrderState.Apply(state, e);
            }
        }
        void Step(IOrderCommand command) => Add([.. OrderQuota.Follow(state, OrderState.Decide(state, command, T0.AddMinutes(events.Count)), CreditMoment.Payment).Events]);
        void Ack() => Add(new OrderQuotaAcknowledged(Id, OrderQuota.Current(state)!.Kind, "hospital", OrderCreditStatus.Credited, T0));

        switch (name)
        {
            case "declined":
                Add(new OrderDeclined(Id, Rejection.Unprocessable("no such buyer", "buyerId"), T0));
                break;
            case "rejected":
                Add(new OrderRejected(Id, Rejection.Conflict("short", "lines[1].quantity"), T0), new OrderReservationsReleased(Id, T0));
                break;
            case "expired":
                Add(reserved);
                Add([.. OrderState.Expire(state, reserved.ExpiresAt).Events]);
                Add(new OrderReservationsReleased(Id, T0.AddHours(1)));
                break;
            case "cancelled-after-payment":
                Add(reserved);
                Step(new PayOrder(Id, reserved.Total, null));
                Step(new CancelOrder(Id, null));
                Ack();
                Add(new OrderReservationsReleased(Id, T0));
                Ack();
                Step(new RefundOrder(Id, null));
                break;
            default:
                Add(reserved);
                Step(new PayOrder(Id, reserved.Total, null));
                Ack();
                Step(new ShipOrder(Id, null));
                Add(new OrderStockCommitted(Id, T0));
                Step(new DeliverOrder(Id));
                Step(new InspectOrder(Id, "44031234-0001"));
                Step(new RefundOrder(Id, null));
                Ack();
                break;
        }
        return events;
    }

    [Theory]
    [MemberData(nameof(Lives))]
    public void After_every_event_the_work_agrees_with_the_orders_own_state(string life)
    {
        var state = OrderState.Empty(Id);
        var work = OrderWork.Finished(T0);
        foreach (var e in Life(life))
        {
            state = OrderState.Apply(state, e);
            work = OrderWork.Apply(work, e);
            Assert.Equal(state.HasLedgerWork || state.HasQuotaWork, work.HasOpenWork);
            Assert.Equal(state.AwaitsPayment ? state.ExpiresAt : null, work.PaymentDue);
            Assert.Equal(state.Ledger, work.Ledger);
        }
        Assert.True(work.IsFinished, life);
    }

    [Fact]
    public void Open_work_wakes_after_the_grace_an_unpaid_order_at_its_deadline_a_paid_one_never()
    {
        var placed = OrderWork.Apply(OrderWork.Finished(T0), new OrderPlaced(Id, RiceAndGreens(), T0));
        Assert.Equal(T0 + Grace, placed.WakeAt(Grace));
        var reserved = OrderWork.Apply(placed, new OrderReserved(Id, [], F(100), T0.AddMinutes(30), null, T0.AddSeconds(1)));
        Assert.Equal(T0.AddMinutes(30), reserved.WakeAt(Grace));
        Assert.False(reserved.IsFinished);
        var paid = OrderWork.Apply(reserved, new OrderPaid(Id, F(100), null, T0.AddMinutes(2)));
        Assert.Null(paid.WakeAt(Grace));
        Assert.False(paid.IsFinished); // stock still held: a refund would release it
    }

    [Fact]
    public void A_finished_order_that_is_refunded_later_only_has_its_reversal_to_do()
    {
        var refunded = OrderWork.Apply(OrderWork.Finished(T0), new OrderRefunded(Id, F(100), null, T0.AddDays(40)));
        Assert.True(refunded.IsFinished); // the goods had left: nothing to release
        var reversal = OrderWork.Apply(refunded, new OrderQuotaReversalDue(Id, "hospital", T0.AddDays(40)));
        Assert.Equal(T0.AddDays(40) + Grace, reversal.WakeAt(Grace));
        Assert.True(OrderWork.Apply(reversal, new OrderQuotaAcknowledged(Id, QuotaUpdateKind.Reversal, "hospital", OrderCreditStatus.Reversed, T0)).IsFinished);
    }
}
