using System.Text;
using System.Text.Json;
using ShowroomActors.Application;
using ShowroomActors.Application.Shelves;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Shelves;

namespace ShowroomActors.Host.Mqtt;

/// <summary>A message a device published on its events or state topic, with the key it is authenticated by.</summary>
public sealed record DeviceMessage(string DeviceId, DeviceTopicKind Kind, ReadOnlyMemory<byte> Payload, DeviceSecret Key, byte[]? CorrelationData, string? BatchId);

/// <summary>An ack to publish on the device's acks topic.</summary>
public sealed record OutgoingAck(string Topic, byte[] Payload, byte[]? CorrelationData);

/// <summary>
/// What both MQTT transports (the embedded server, the client of an external broker) do with a device's message: an
/// events message goes through the sensor ingest use case (<see cref="SensorIngest"/>, as HTTP: same checks, same
/// dedupe, persisted before the answer) and gets an ack; a state message goes to <see cref="DeviceSessions"/>.
/// <see cref="HandleAsync"/> answers <c>Retry</c> when something may not be persisted (the journal or a slot did not
/// answer): the transport then sends no PUBACK, so the message comes again and the slots drop what they already have.
/// </summary>
public sealed class DeviceInbox(SensorIngest ingest, DeviceSessions sessions, ILogger<DeviceInbox> log)
{
    public const string Online = "online";
    public const string Offline = "offline";

    /// <summary>How a message went: taken (acknowledge it), or to be delivered again.</summary>
    public enum Outcome
    {
        Done,
        Retry,
    }

    /// <summary>Handles <paramref name="message"/>; <paramref name="keyField"/> names where its key came from, for refusals.</summary>
    public async Task<(Outcome Outcome, OutgoingAck? Ack)> HandleAsync(DeviceMessage message, string keyField, CancellationToken cancel) =>
        message.Kind switch
        {
            DeviceTopicKind.Events => await EventsAsync(message, keyField, cancel),
            DeviceTopicKind.State => (await StateAsync(message, keyField, cancel), null),
            _ => (Outcome.Done, null),
        };

    private async Task<(Outcome, OutgoingAck?)> EventsAsync(DeviceMessage message, string keyField, CancellationToken cancel)
    {
        var outcome = await ingest.IngestJsonAsync(message.Key, keyField, message.Payload, cancel);
        DeviceAck ack;
        if (!outcome.IsAccepted)
        {
            if (outcome.Rejection.Code == RejectionCode.Unavailable) return (Outcome.Retry, null);
            if (outcome.Rejection.Code == RejectionCode.Unauthorized)
                log.LogWarning("MQTT events of device {DeviceId} refused: {Reason}", message.DeviceId, outcome.Rejection.Message);
            ack = DeviceAck.Refusal(message.BatchId, outcome.Rejection);
        }
        else
        {
            // A slot that did not answer may not have persisted its part: no ack, so the whole message comes again.
            if (outcome.Value.Rejected.Any(r => r.Why.Code == RejectionCode.Unavailable)) return (Outcome.Retry, null);
            ack = DeviceAck.Of(message.BatchId, outcome.Value);
        }
        var payload = JsonSerializer.SerializeToUtf8Bytes(ack, ApiJson.Options);
        return (Outcome.Done, new OutgoingAck(DeviceTopics.Acks(message.DeviceId), payload, message.CorrelationData));
    }

    private async Task<Outcome> StateAsync(DeviceMessage message, string keyField, CancellationToken cancel)
    {
        var text = Encoding.UTF8.GetString(message.Payload.Span).Trim();
        // An empty retained message clears the retained state: nothing to record.
        if (text.Length == 0) return Outcome.Done;
        if (text is not (Online or Offline))
        {
            log.LogWarning("MQTT state of device {DeviceId} ignored: the payload must be 'online' or 'offline'", message.DeviceId);
            return Outcome.Done;
        }
        var noted = await sessions.NotePresenceAsync(message.DeviceId, message.Key, text == Online, keyField, cancel);
        if (noted.IsAccepted)
        {
            log.LogInformation("Device {DeviceId} on slot {SlotId} says it is {State}", message.DeviceId, noted.Value, text);
            return Outcome.Done;
        }
        if (noted.Rejection.Code == RejectionCode.Unavailable) return Outcome.Retry;
        log.LogWarning("MQTT state of device {DeviceId} not recorded: {Reason}", message.DeviceId, noted.Rejection.Message);
        return Outcome.Done;
    }
}
