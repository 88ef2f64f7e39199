using System.Text.Json.Serialization;
using ShowroomActors.Actors.Serialization;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Actors.Audit;

/// <summary>Ask the transparency log (through its singleton proxy) how far it got.</summary>
public sealed record GetAuditLogStatus : IShowroomMessage;

/// <summary>
/// The log's state: <see cref="Size"/> leaves, read up to journal ordering <see cref="Offset"/>, its latest signed
/// checkpoint's size, and <see cref="Problem"/> when its own tables no longer match a checkpoint it signed (it then
/// signs nothing more).
/// </summary>
public sealed record AuditLogStatus(long Size, long Offset, long? CheckpointSize, string? Problem) : IShowroomMessage;

/// <summary>
/// Ask for a checkpoint now. The log first catches up with every event the journal held when asked (waiting at most
/// <c>showroom.audit.on-demand-wait</c>), so the checkpoint covers what was acknowledged before the request.
/// </summary>
public sealed record SignAuditCheckpoint : IShowroomMessage;

/// <summary>The answer to <see cref="SignAuditCheckpoint"/>: the signed note (or <see cref="Rejection"/> when the log cannot sign).</summary>
public sealed record AuditCheckpointSigned(string? Note, long TreeSize, Rejection? Rejection) : IShowroomMessage;

/// <summary>The transparency log's serializable messages (they cross nodes to and from its singleton). Never rename a manifest.</summary>
public static class AuditMessages
{
    public static IEnumerable<MessageType> All =>
    [
        MessageType.Message("audit-log.get-status.v1", AuditJson.Instance.GetAuditLogStatus),
        MessageType.Message("audit-log.status.v1", AuditJson.Instance.AuditLogStatus),
        MessageType.Message("audit-log.sign-checkpoint.v1", AuditJson.Instance.SignAuditCheckpoint),
        MessageType.Message("audit-log.checkpoint-signed.v1", AuditJson.Instance.AuditCheckpointSigned),
    ];
}

[JsonSerializable(typeof(GetAuditLogStatus))]
[JsonSerializable(typeof(AuditLogStatus))]
[JsonSerializable(typeof(SignAuditCheckpoint))]
[JsonSerializable(typeof(AuditCheckpointSigned))]
internal sealed partial class AuditJson : JsonSerializerContext
{
    public static readonly AuditJson Instance = new(ShowroomJson.NewOptions());
}
