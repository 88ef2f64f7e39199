using System.Text.Json.Serialization;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Actors.Serialization;
using ShowroomActors.Domain.Alerts;

namespace ShowroomActors.Actors.Alerts;

/// <summary>The alert aggregate's serializable types and their manifests, and the alert book's own JSON. Never rename a manifest.</summary>
public static class AlertMessages
{
    public static IEnumerable<MessageType> All =>
    [
        MessageType.Event("alert.acknowledged.v1", AlertJson.Instance.AlertAcknowledged),
        MessageType.Message("alert.acknowledge.v1", AlertJson.Instance.AcknowledgeAlert),
        MessageType.Message("alert.reply.acknowledged.v1", AlertJson.Instance.AlertReplyAcknowledged),
        MessageType.Message("alert.reply.rejected.v1", AlertJson.Instance.AlertReplyRejected),
        MessageType.Message("alert.state.v1", AlertJson.Instance.AlertAckState),
        MessageType.Message("alert.snapshot.v1", AlertJson.Instance.EntitySnapshotAlertAckState),
        MessageType.Message("alert.book-changed.v1", AlertJson.Instance.AlertBookChanged),
    ];
}

[JsonSerializable(typeof(AlertAcknowledged))]
[JsonSerializable(typeof(AcknowledgeAlert))]
[JsonSerializable(typeof(AlertReply.Acknowledged), TypeInfoPropertyName = "AlertReplyAcknowledged")]
[JsonSerializable(typeof(AlertReply.Rejected), TypeInfoPropertyName = "AlertReplyRejected")]
[JsonSerializable(typeof(AlertAckState))]
[JsonSerializable(typeof(EntitySnapshot<AlertAckState>))]
[JsonSerializable(typeof(AlertBookChanged))]
[JsonSerializable(typeof(AlertDetail))]
[JsonSerializable(typeof(WebhookPayload))]
internal sealed partial class AlertJson : JsonSerializerContext
{
    public static readonly AlertJson Instance = new(ShowroomJson.NewOptions());
}
