using System.Buffers;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace ShowroomActors.Host.Mqtt;

/// <summary>Reading and building MQTT application messages, alike for the embedded server and the broker client.</summary>
public static class MqttMessages
{
    /// <summary>The MQTT 5 user property a publish may carry to name its batch; the ack repeats it as <c>batchId</c>.</summary>
    public const string BatchIdProperty = "batch-id";

    /// <summary>The MQTT 5 user property that carries the device key where the broker, not this host, signs devices in.</summary>
    public const string DeviceKeyProperty = "device-key";

    public static string? UserProperty(MqttApplicationMessage message, string name) =>
        message.UserProperties?.FirstOrDefault(p => p.Name == name)?.ReadValueAsString();

    /// <summary>The payload as one block of memory (usually it already is one segment).</summary>
    public static ReadOnlyMemory<byte> Payload(MqttApplicationMessage message) =>
        message.Payload.IsSingleSegment ? message.Payload.First : message.Payload.ToArray();

    /// <summary>An ack, at least once, with the publish's correlation data when it had some.</summary>
    public static MqttApplicationMessage Ack(OutgoingAck ack)
    {
        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(ack.Topic)
            .WithPayload(ack.Payload)
            .WithContentType("application/json")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (ack.CorrelationData is { Length: > 0 } correlation) builder.WithCorrelationData(correlation);
        return builder.Build();
    }
}
