using ShowroomActors.Application.Shelves;
using ShowroomActors.Domain.Common;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.Mqtt;

/// <summary>
/// The message on <c>showroom/v1/devices/{deviceId}/acks</c> for one events message, published once its readings are
/// persisted: the counts of POST /api/v1/sensor-events, each rejected event with its field, and for a message refused
/// as a whole the problem (as the HTTP API would answer it). <see cref="BatchId"/> repeats the publish's
/// <c>batch-id</c> user property; the MQTT 5 correlation data of the publish goes back as the ack's correlation data.
/// </summary>
public sealed record DeviceAck(
    string? BatchId, int Accepted, int Folded, int Duplicates, IReadOnlyList<DeviceAck.RejectedEvent> Rejected, DeviceAck.Problem? Refused)
{
    /// <summary>One event that was not recorded: its index in the batch, the field at fault (<c>events[i].…</c>) and why.</summary>
    public sealed record RejectedEvent(int Index, string? Field, string Code, string Error);

    /// <summary>Why nothing of the message was taken: the problem details' status, title, detail and field.</summary>
    public sealed record Problem(int Status, string Title, string Detail, string? Field);

    public static DeviceAck Of(string? batchId, SensorIngestResult result) =>
        new(batchId, result.Accepted, result.Folded, result.Duplicates,
            result.Rejected.Select(r => new RejectedEvent(r.Index, r.Why.Field, Code(r.Why.Code), r.Why.Message)).ToList(), null);

    public static DeviceAck Refusal(string? batchId, Rejection why) =>
        new(batchId, 0, 0, 0, [], new Problem(Problems.StatusOf(why.Code), Problems.TitleOf(why.Code), why.Message, why.Field));

    private static string Code(RejectionCode code) => code.ToString().ToLowerInvariant();
}
