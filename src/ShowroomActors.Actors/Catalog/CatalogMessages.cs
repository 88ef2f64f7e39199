using System.Text.Json.Serialization;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Actors.Serialization;
using ShowroomActors.Domain.Catalog;

namespace ShowroomActors.Actors.Catalog;

/// <summary>The product aggregate's serializable types and their manifests. Never rename a manifest.</summary>
public static class CatalogMessages
{
    public static IEnumerable<MessageType> All =>
    [
        MessageType.Event("product.registered.v1", CatalogJson.Instance.ProductRegistered),
        MessageType.Event("product.stock-received.v1", CatalogJson.Instance.StockReceived),
        MessageType.Message("product.register.v1", CatalogJson.Instance.RegisterProduct),
        MessageType.Message("product.receive-stock.v1", CatalogJson.Instance.ReceiveStock),
        MessageType.Message("product.get.v1", CatalogJson.Instance.GetProduct),
        // The whole state: rendered by the audit API's state-as-of answers, never sent to an asker (replies carry views).
        MessageType.Message("product.state.v1", CatalogJson.Instance.ProductState),
        MessageType.Message("product.reply.accepted.v1", CatalogJson.Instance.ProductReplyAccepted),
        MessageType.Message("product.reply.rejected.v1", CatalogJson.Instance.ProductReplyRejected),
        MessageType.Message("product.snapshot.v1", CatalogJson.Instance.EntitySnapshotProductState),
        MessageType.Event("product.stock-reserved.v1", CatalogJson.Instance.StockReserved),
        MessageType.Event("product.reservation-committed.v1", CatalogJson.Instance.ReservationCommitted),
        MessageType.Event("product.reservation-released.v1", CatalogJson.Instance.ReservationReleased),
        MessageType.Message("product.reserve-stock.v1", CatalogJson.Instance.ReserveStock),
        MessageType.Message("product.commit-stock.v1", CatalogJson.Instance.CommitStock),
        MessageType.Message("product.release-stock.v1", CatalogJson.Instance.ReleaseStock),
        MessageType.Message("product.reservation-answer.v1", CatalogJson.Instance.ReservationAnswer),
        MessageType.Message("product.reservation-refused.v1", CatalogJson.Instance.ReservationRefused),
    ];
}

[JsonSerializable(typeof(ProductRegistered))]
[JsonSerializable(typeof(StockReceived))]
[JsonSerializable(typeof(RegisterProduct))]
[JsonSerializable(typeof(ReceiveStock))]
[JsonSerializable(typeof(GetProduct))]
[JsonSerializable(typeof(ProductState))]
[JsonSerializable(typeof(ProductReply.Accepted), TypeInfoPropertyName = "ProductReplyAccepted")]
[JsonSerializable(typeof(ProductReply.Rejected), TypeInfoPropertyName = "ProductReplyRejected")]
[JsonSerializable(typeof(EntitySnapshot<ProductState>))]
[JsonSerializable(typeof(StockReserved))]
[JsonSerializable(typeof(ReservationCommitted))]
[JsonSerializable(typeof(ReservationReleased))]
[JsonSerializable(typeof(ReserveStock))]
[JsonSerializable(typeof(CommitStock))]
[JsonSerializable(typeof(ReleaseStock))]
[JsonSerializable(typeof(ReservationAnswer))]
[JsonSerializable(typeof(ReservationRefused))]
internal sealed partial class CatalogJson : JsonSerializerContext
{
    public static readonly CatalogJson Instance = new(ShowroomJson.NewOptions());
}
