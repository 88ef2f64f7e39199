using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Orders;
using static ShowroomActors.Domain.Tests.Orders.OrderFixtures;

namespace ShowroomActors.Domain.Tests.Orders;

/// <summary>The order's milestones make buyer updates due in the same write; the order sends them until acknowledged.</summary>
public sealed class OrderQuotaTests
{
    private static readonly Fen Total = F(2 * 7800 + 6800);
    private static readonly DateTimeOffset PaidAt = T0.AddHours(1);

    private static OrderState Paid(CreditTarget? target, CreditMoment creditAt = CreditMoment.Payment) =>
        Run(Reserved(target), new PayOrder(Id, Total, "wx-1"), creditAt, PaidAt);

    private static OrderState Acknowledge(OrderState state, OrderCreditStatus status)
    {
        var sent = OrderQuota.Command(state)!;
        return OrderQuota.Settle(state, sent, new BuyerReply.CreditAcknowledged(new OrderCreditAck(sent.BuyerId, Id, status)), T0).Events.AppliedTo(state);
    }

    [Fact]
    public void Payment_records_the_credit_in_the_same_write_counting_only_certified_lines()
    {
        var decision = OrderQuota.Follow(Reserved(Hospital), OrderState.Decide(Reserved(Hospital), new PayOrder(Id, Total, null), PaidAt), CreditMoment.Payment);
        Assert.Equal([typeof(OrderPaid), typeof(OrderQuotaCreditDue)], decision.Events.Select(e => e.GetType()));
        Assert.Equal(new OrderQuotaCreditDue(Id, "hospital", null, F(2 * 7800), Total, PaidAt), decision.Events[1]);

        var paid = Paid(Hospital);
        Assert.True(paid.HasQuotaWork);
        Assert.Equal(new CreditOrder("hospital", Id, PaidAt, F(15_600), Total, null), OrderQuota.Command(paid));
    }

    [Fact]
    public void A_trade_unions_order_credits_the_parent_unit_via_the_union()
    {
        var command = Assert.IsType<CreditOrder>(OrderQuota.Command(Paid(HospitalUnion)));
        Assert.Equal(("hospital", "hospital-union"), (command.BuyerId, command.ViaUnionId));
    }

    [Fact]
    public void Orders_without_an_account_or_of_individuals_credit_nothing()
    {
        Assert.False(Paid(null).HasQuotaWork);
        var individual = new CreditTarget("li-lei", BuyerKind.Individual, "li-lei", null);
        var paid = Paid(individual);
        Assert.False(paid.HasQuotaWork);
        Assert.Null(OrderQuota.Command(Run(paid, new RefundOrder(Id, null))));
    }

    [Fact]
    public void With_credit_at_inspection_payment_credits_nothing_and_inspection_credits_at_its_instant()
    {
        var paid = Paid(Hospital, CreditMoment.Inspection);
        Assert.False(paid.HasQuotaWork);
        var delivered = Run(Run(paid, new ShipOrder(Id, null), CreditMoment.Inspection), new DeliverOrder(Id), CreditMoment.Inspection);
        var inspectedAt = T0.AddDays(9);
        var inspected = Run(delivered, new InspectOrder(Id, "44031234-0001"), CreditMoment.Inspection, inspectedAt);
        Assert.Equal(inspectedAt, Assert.IsType<CreditOrder>(OrderQuota.Command(inspected)).At);
    }

    [Fact]
    public void The_acknowledgement_closes_the_update_and_nothing_more_is_sent()
    {
        var credited = Acknowledge(Paid(Hospital), OrderCreditStatus.Credited);
        Assert.False(credited.HasQuotaWork);
        Assert.Null(OrderQuota.Command(credited));
        var update = Assert.Single(credited.QuotaUpdates);
        Assert.Equal((QuotaUpdateOutcome.Acknowledged, OrderCreditStatus.Credited), (update.Outcome, update.Status));
        Assert.Equal(["placed", "reserved", "paid", "quota-credit-due", "quota-acknowledged"], credited.History().Select(h => h.Event));
    }

    [Fact]
    public void A_refund_reverses_the_credit_and_a_paid_order_cancelled_reverses_once()
    {
        var refunded = Run(Acknowledge(Paid(Hospital), OrderCreditStatus.Credited), new RefundOrder(Id, "缺货"), at: T0.AddDays(40));
        Assert.Equal(new ReverseOrder("hospital", Id, T0.AddDays(40)), OrderQuota.Command(refunded));
        Assert.False(Acknowledge(refunded, OrderCreditStatus.Reversed).HasQuotaWork);

        var cancelled = Run(Paid(Hospital), new CancelOrder(Id, null));
        Assert.Equal([QuotaUpdateKind.Credit, QuotaUpdateKind.Reversal], cancelled.QuotaUpdates.Select(u => u.Kind));
        var thenRefunded = Run(cancelled, new RefundOrder(Id, null));
        Assert.Equal(2, thenRefunded.QuotaUpdates.Count); // the refund after the cancellation adds no second reversal
    }

    [Fact]
    public void Updates_go_one_at_a_time_and_a_reversal_is_only_acknowledged_as_reversed_or_closed()
    {
        var cancelled = Run(Paid(Hospital), new CancelOrder(Id, null));
        var credit = OrderQuota.Command(cancelled)!;
        Assert.IsType<CreditOrder>(credit);
        // The account may already have taken the reversal (sent by an earlier incarnation): "reversed" settles the credit too.
        var creditDone = OrderQuota.Settle(cancelled, credit, new BuyerReply.CreditAcknowledged(new OrderCreditAck("hospital", Id, OrderCreditStatus.Reversed)), T0)
            .Events.AppliedTo(cancelled);
        var reversal = Assert.IsType<ReverseOrder>(OrderQuota.Command(creditDone));
        // A late duplicate "credited" for the credit does not settle the reversal.
        Assert.Empty(OrderQuota.Settle(creditDone, reversal, new BuyerReply.CreditAcknowledged(new OrderCreditAck("hospital", Id, OrderCreditStatus.Credited)), T0).Events);
        Assert.Single(OrderQuota.Settle(creditDone, reversal, new BuyerReply.CreditAcknowledged(new OrderCreditAck("hospital", Id, OrderCreditStatus.ClosedUncredited)), T0).Events);
    }

    [Fact]
    public void Stale_foreign_and_transient_answers_settle_nothing()
    {
        var paid = Paid(Hospital);
        var sent = OrderQuota.Command(paid)!;
        Assert.Empty(OrderQuota.Settle(paid, sent, new BuyerReply.CreditAcknowledged(new OrderCreditAck("hospital", "another-order", OrderCreditStatus.Credited)), T0).Events);
        Assert.Empty(OrderQuota.Settle(paid, sent, new BuyerReply.CreditAcknowledged(new OrderCreditAck("school", Id, OrderCreditStatus.Credited)), T0).Events);
        Assert.Empty(OrderQuota.Settle(paid, sent, new BuyerReply.Rejected(new Rejection(RejectionCode.Unavailable, "journal down")), T0).Events);
        Assert.Empty(OrderQuota.Settle(paid, new ReverseOrder("hospital", Id, T0), new BuyerReply.CreditAcknowledged(new OrderCreditAck("hospital", Id, OrderCreditStatus.Reversed)), T0).Events);
        Assert.Empty(OrderQuota.Settle(paid, sent, new BuyerReply.Target(Hospital), T0).Events);
        Assert.Empty(OrderQuota.Settle(paid, sent, null, T0).Events);
    }

    [Fact]
    public void A_permanent_refusal_is_recorded_and_not_sent_again()
    {
        var paid = Paid(Hospital);
        var refusal = Rejection.Conflict("Order was already credited with other amounts.", "orderId");
        var refused = OrderQuota.Settle(paid, OrderQuota.Command(paid)!, new BuyerReply.Rejected(refusal), T0).Events.AppliedTo(paid);
        Assert.False(refused.HasQuotaWork);
        Assert.Equal((QuotaUpdateOutcome.Refused, refusal), (refused.QuotaUpdates[0].Outcome, refused.QuotaUpdates[0].Refusal));
        Assert.Equal("quota-refused", refused.History()[^1].Event);
    }

    [Fact]
    public void A_credit_already_recorded_is_never_recorded_again_even_if_the_policy_changed()
    {
        var paid = Paid(Hospital, CreditMoment.Payment);
        var delivered = Run(Run(paid, new ShipOrder(Id, null)), new DeliverOrder(Id));
        var inspected = Run(delivered, new InspectOrder(Id, "44031234-0001"), CreditMoment.Inspection, T0.AddDays(9));
        Assert.Single(inspected.QuotaUpdates);
    }
}
