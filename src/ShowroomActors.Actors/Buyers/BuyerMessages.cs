using System.Text.Json.Serialization;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Actors.Serialization;
using ShowroomActors.Domain.Buyers;

namespace ShowroomActors.Actors.Buyers;

/// <summary>The buyer aggregate's serializable types and their manifests. Never rename a manifest.</summary>
public static class BuyerMessages
{
    public static IEnumerable<MessageType> All =>
    [
        MessageType.Event("buyer.registered.v1", BuyerJson.Instance.BuyerRegistered),
        MessageType.Event("buyer.plan-declared.v1", BuyerJson.Instance.PlanDeclared),
        MessageType.Event("buyer.order-credited.v1", BuyerJson.Instance.OrderCredited),
        MessageType.Event("buyer.order-reversed.v1", BuyerJson.Instance.OrderReversed),
        MessageType.Event("buyer.external-purchase-recorded.v1", BuyerJson.Instance.ExternalPurchaseRecorded),
        MessageType.Message("buyer.register.v1", BuyerJson.Instance.RegisterBuyer),
        MessageType.Message("buyer.declare-plan.v1", BuyerJson.Instance.DeclarePlan),
        MessageType.Message("buyer.credit-order.v1", BuyerJson.Instance.CreditOrder),
        MessageType.Message("buyer.reverse-order.v1", BuyerJson.Instance.ReverseOrder),
        MessageType.Message("buyer.record-external-purchase.v1", BuyerJson.Instance.RecordExternalPurchase),
        MessageType.Message("buyer.get.v1", BuyerJson.Instance.GetBuyer),
        MessageType.Message("buyer.get-credit-target.v1", BuyerJson.Instance.GetCreditTarget),
        MessageType.Message("buyer.get-quota.v1", BuyerJson.Instance.GetQuota),
        MessageType.Message("buyer.get-statement.v1", BuyerJson.Instance.GetStatement),
        // The whole state: rendered by the audit API's state-as-of answers, never sent to an asker (replies carry views).
        MessageType.Message("buyer.state.v1", BuyerJson.Instance.BuyerState),
        MessageType.Message("buyer.reply.account.v1", BuyerJson.Instance.BuyerReplyAccount),
        MessageType.Message("buyer.reply.purchase-recorded.v1", BuyerJson.Instance.BuyerReplyPurchaseRecorded),
        MessageType.Message("buyer.reply.target.v1", BuyerJson.Instance.BuyerReplyTarget),
        MessageType.Message("buyer.reply.quota.v1", BuyerJson.Instance.BuyerReplyQuota),
        MessageType.Message("buyer.reply.statement.v1", BuyerJson.Instance.BuyerReplyStatement),
        MessageType.Message("buyer.reply.credit-acknowledged.v1", BuyerJson.Instance.BuyerReplyCreditAcknowledged),
        MessageType.Message("buyer.reply.rejected.v1", BuyerJson.Instance.BuyerReplyRejected),
        MessageType.Message("buyer.credit-target.v1", BuyerJson.Instance.CreditTarget),
        MessageType.Message("buyer.order-credit-ack.v1", BuyerJson.Instance.OrderCreditAck),
        MessageType.Message("buyer.quota.v1", BuyerJson.Instance.QuotaFigures),
        MessageType.Message("buyer.statement.v1", BuyerJson.Instance.PurchaseStatement),
        MessageType.Message("buyer.snapshot.v1", BuyerJson.Instance.EntitySnapshotBuyerState),
        MessageType.Message("quota-report.get-status.v1", BuyerJson.Instance.GetQuotaReportStatus),
        MessageType.Message("quota-report.status.v1", BuyerJson.Instance.QuotaReportStatus),
    ];
}

[JsonSerializable(typeof(BuyerRegistered))]
[JsonSerializable(typeof(PlanDeclared))]
[JsonSerializable(typeof(OrderCredited))]
[JsonSerializable(typeof(OrderReversed))]
[JsonSerializable(typeof(ExternalPurchaseRecorded))]
[JsonSerializable(typeof(RegisterBuyer))]
[JsonSerializable(typeof(DeclarePlan))]
[JsonSerializable(typeof(CreditOrder))]
[JsonSerializable(typeof(ReverseOrder))]
[JsonSerializable(typeof(RecordExternalPurchase))]
[JsonSerializable(typeof(GetBuyer))]
[JsonSerializable(typeof(GetCreditTarget))]
[JsonSerializable(typeof(GetQuota))]
[JsonSerializable(typeof(GetStatement))]
[JsonSerializable(typeof(BuyerState))]
[JsonSerializable(typeof(BuyerReply.Account), TypeInfoPropertyName = "BuyerReplyAccount")]
[JsonSerializable(typeof(BuyerReply.PurchaseRecorded), TypeInfoPropertyName = "BuyerReplyPurchaseRecorded")]
[JsonSerializable(typeof(BuyerReply.Target), TypeInfoPropertyName = "BuyerReplyTarget")]
[JsonSerializable(typeof(BuyerReply.Quota), TypeInfoPropertyName = "BuyerReplyQuota")]
[JsonSerializable(typeof(BuyerReply.Statement), TypeInfoPropertyName = "BuyerReplyStatement")]
[JsonSerializable(typeof(BuyerReply.CreditAcknowledged), TypeInfoPropertyName = "BuyerReplyCreditAcknowledged")]
[JsonSerializable(typeof(BuyerReply.Rejected), TypeInfoPropertyName = "BuyerReplyRejected")]
[JsonSerializable(typeof(CreditTarget))]
[JsonSerializable(typeof(OrderCreditAck))]
[JsonSerializable(typeof(QuotaFigures))]
[JsonSerializable(typeof(PurchaseStatement))]
[JsonSerializable(typeof(EntitySnapshot<BuyerState>))]
[JsonSerializable(typeof(GetQuotaReportStatus))]
[JsonSerializable(typeof(QuotaReportStatus))]
internal sealed partial class BuyerJson : JsonSerializerContext
{
    public static readonly BuyerJson Instance = new(ShowroomJson.NewOptions());
}
