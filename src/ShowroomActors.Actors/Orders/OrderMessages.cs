using System.Text.Json.Serialization;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Actors.Serialization;
using ShowroomActors.Domain.Orders;

namespace ShowroomActors.Actors.Orders;

/// <summary>The order and idempotency-key aggregates' serializable types and their manifests. Never rename a manifest.</summary>
public static class OrderMessages
{
    public static IEnumerable<MessageType> All =>
    [
        MessageType.Event("order.placed.v1", OrderJson.Instance.OrderPlaced),
        MessageType.Upcast("order.reserved.v1", OrderJson.Instance.OrderReservedV1, (OrderReservedV1 old) => old.Upcast()),
        MessageType.Event("order.reserved.v2", OrderJson.Instance.OrderReserved),
        MessageType.Event("order.rejected.v1", OrderJson.Instance.OrderRejected),
        MessageType.Event("order.declined.v1", OrderJson.Instance.OrderDeclined),
        MessageType.Event("order.paid.v1", OrderJson.Instance.OrderPaid),
        MessageType.Event("order.shipped.v1", OrderJson.Instance.OrderShipped),
        MessageType.Event("order.stock-committed.v1", OrderJson.Instance.OrderStockCommitted),
        MessageType.Event("order.delivered.v1", OrderJson.Instance.OrderDelivered),
        MessageType.Event("order.inspected.v1", OrderJson.Instance.OrderInspected),
        MessageType.Event("order.cancelled.v1", OrderJson.Instance.OrderCancelled),
        MessageType.Event("order.expired.v1", OrderJson.Instance.OrderExpired),
        MessageType.Event("order.refunded.v1", OrderJson.Instance.OrderRefunded),
        MessageType.Event("order.reservations-released.v1", OrderJson.Instance.OrderReservationsReleased),
        MessageType.Event("order.quota-credit-due.v1", OrderJson.Instance.OrderQuotaCreditDue),
        MessageType.Event("order.quota-reversal-due.v1", OrderJson.Instance.OrderQuotaReversalDue),
        MessageType.Event("order.quota-acknowledged.v1", OrderJson.Instance.OrderQuotaAcknowledged),
        MessageType.Event("order.quota-refused.v1", OrderJson.Instance.OrderQuotaRefused),
        MessageType.Message("order.place.v1", OrderJson.Instance.PlaceOrder),
        MessageType.Message("order.get.v1", OrderJson.Instance.GetOrder),
        MessageType.Message("order.resume.v1", OrderJson.Instance.ResumeOrder),
        MessageType.Message("order-sweeper.get-status.v1", OrderJson.Instance.GetOrderSweeperStatus),
        MessageType.Message("order-sweeper.status.v1", OrderJson.Instance.OrderSweeperStatus),
        MessageType.Message("order.pay.v1", OrderJson.Instance.PayOrder),
        MessageType.Message("order.ship.v1", OrderJson.Instance.ShipOrder),
        MessageType.Message("order.deliver.v1", OrderJson.Instance.DeliverOrder),
        MessageType.Message("order.inspect.v1", OrderJson.Instance.InspectOrder),
        MessageType.Message("order.cancel.v1", OrderJson.Instance.CancelOrder),
        MessageType.Message("order.refund.v1", OrderJson.Instance.RefundOrder),
        // The whole state: rendered by the audit API's state-as-of answers, never sent to an asker (replies carry views).
        MessageType.Message("order.state.v1", OrderJson.Instance.OrderState),
        MessageType.Message("order.reply.viewed.v1", OrderJson.Instance.OrderReplyViewed),
        MessageType.Message("order.reply.placement.v1", OrderJson.Instance.OrderReplyPlacement),
        MessageType.Message("order.reply.rejected.v1", OrderJson.Instance.OrderReplyRejected),
        MessageType.Message("order.placement-result.v1", OrderJson.Instance.OrderPlacementResult),
        MessageType.Message("order.snapshot.v1", OrderJson.Instance.EntitySnapshotOrderState),
        MessageType.Event("idempotency.claimed.v1", OrderJson.Instance.IdempotencyKeyClaimed),
        MessageType.Event("idempotency.answered.v1", OrderJson.Instance.IdempotencyKeyAnswered),
        MessageType.Message("idempotency.place-order-once.v1", OrderJson.Instance.PlaceOrderOnce),
        MessageType.Message("idempotency.snapshot.v1", OrderJson.Instance.EntitySnapshotIdempotencyState),
        MessageType.Message("idempotency.state.v1", OrderJson.Instance.IdempotencyState),
    ];
}

[JsonSerializable(typeof(OrderPlaced))]
[JsonSerializable(typeof(OrderReservedV1))]
[JsonSerializable(typeof(OrderReserved))]
[JsonSerializable(typeof(OrderRejected))]
[JsonSerializable(typeof(OrderDeclined))]
[JsonSerializable(typeof(OrderPaid))]
[JsonSerializable(typeof(OrderShipped))]
[JsonSerializable(typeof(OrderStockCommitted))]
[JsonSerializable(typeof(OrderDelivered))]
[JsonSerializable(typeof(OrderInspected))]
[JsonSerializable(typeof(OrderCancelled))]
[JsonSerializable(typeof(OrderExpired))]
[JsonSerializable(typeof(OrderRefunded))]
[JsonSerializable(typeof(OrderReservationsReleased))]
[JsonSerializable(typeof(OrderQuotaCreditDue))]
[JsonSerializable(typeof(OrderQuotaReversalDue))]
[JsonSerializable(typeof(OrderQuotaAcknowledged))]
[JsonSerializable(typeof(OrderQuotaRefused))]
[JsonSerializable(typeof(PlaceOrder))]
[JsonSerializable(typeof(GetOrder))]
[JsonSerializable(typeof(ResumeOrder))]
[JsonSerializable(typeof(GetOrderSweeperStatus))]
[JsonSerializable(typeof(OrderSweeperStatus))]
[JsonSerializable(typeof(PayOrder))]
[JsonSerializable(typeof(ShipOrder))]
[JsonSerializable(typeof(DeliverOrder))]
[JsonSerializable(typeof(InspectOrder))]
[JsonSerializable(typeof(CancelOrder))]
[JsonSerializable(typeof(RefundOrder))]
[JsonSerializable(typeof(OrderState))]
[JsonSerializable(typeof(OrderReply.Viewed), TypeInfoPropertyName = "OrderReplyViewed")]
[JsonSerializable(typeof(OrderReply.Placement), TypeInfoPropertyName = "OrderReplyPlacement")]
[JsonSerializable(typeof(OrderReply.Rejected), TypeInfoPropertyName = "OrderReplyRejected")]
[JsonSerializable(typeof(OrderPlacementResult))]
[JsonSerializable(typeof(EntitySnapshot<OrderState>))]
[JsonSerializable(typeof(IdempotencyKeyClaimed))]
[JsonSerializable(typeof(IdempotencyKeyAnswered))]
[JsonSerializable(typeof(PlaceOrderOnce))]
[JsonSerializable(typeof(EntitySnapshot<IdempotencyState>))]
[JsonSerializable(typeof(IdempotencyState))]
internal sealed partial class OrderJson : JsonSerializerContext
{
    public static readonly OrderJson Instance = new(ShowroomJson.NewOptions());
}
