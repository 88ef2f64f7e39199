using System.Text.Json;

namespace ShowroomActors.Client;

/// <summary>
/// Writes device events of a sensor batch straight to UTF-8, as a device's firmware would: the fields every event has
/// (<see cref="WriteStart"/>), then whatever the event type adds, then the end of the object. Ids are encoded once
/// per device.
/// </summary>
public static class DeviceEventJson
{
    /// <summary>Opens an event and writes <c>deviceId, slotId, boot, seq, at, type</c>; the caller adds fields and closes it.</summary>
    public static void WriteStart(Utf8JsonWriter writer, JsonEncodedText deviceId, JsonEncodedText slotId, long boot, long seq, DateTimeOffset at, ReadOnlySpan<byte> type)
    {
        writer.WriteStartObject();
        writer.WriteString("deviceId"u8, deviceId);
        writer.WriteString("slotId"u8, slotId);
        writer.WriteNumber("boot"u8, boot);
        writer.WriteNumber("seq"u8, seq);
        writer.WriteString("at"u8, at);
        writer.WriteString("type"u8, type);
    }
}
