namespace ShowroomActors.Host.Mqtt;

/// <summary>What a device topic is for.</summary>
public enum DeviceTopicKind
{
    /// <summary><c>…/events</c>: a sensor batch, the body of POST /api/v1/sensor-events (device to showroom).</summary>
    Events,
    /// <summary><c>…/state</c>: <c>online</c> or <c>offline</c>, retained; the Last Will is <c>offline</c> (device to showroom).</summary>
    State,
    /// <summary><c>…/acks</c>: how each events message went (showroom to device).</summary>
    Acks,
}

/// <summary>
/// The device topics, <c>showroom/v1/devices/{deviceId}/{events|state|acks}</c> (docs/SHELVES.md, "MQTT"). A device
/// publishes its events and state and subscribes its acks, and nothing else.
/// </summary>
public static class DeviceTopics
{
    public const string Prefix = "showroom/v1/devices/";

    public static string Events(string deviceId) => $"{Prefix}{deviceId}/events";
    public static string State(string deviceId) => $"{Prefix}{deviceId}/state";
    public static string Acks(string deviceId) => $"{Prefix}{deviceId}/acks";

    /// <summary>The filters a node subscribes: every device's events and state.</summary>
    public static readonly string[] Inbound = [$"{Prefix}+/events", $"{Prefix}+/state"];

    /// <summary>The device and kind of a device topic, or false for any other topic.</summary>
    public static bool TryParse(string topic, out string deviceId, out DeviceTopicKind kind)
    {
        deviceId = "";
        kind = default;
        if (!topic.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var rest = topic.AsSpan(Prefix.Length);
        var slash = rest.IndexOf('/');
        if (slash <= 0) return false;
        var tail = rest[(slash + 1)..];
        DeviceTopicKind? parsed = tail switch
        {
            "events" => DeviceTopicKind.Events,
            "state" => DeviceTopicKind.State,
            "acks" => DeviceTopicKind.Acks,
            _ => null,
        };
        if (parsed is null) return false;
        deviceId = rest[..slash].ToString();
        kind = parsed.Value;
        return true;
    }

    /// <summary>True when a device signed in as <paramref name="deviceId"/> may subscribe <paramref name="filter"/>: its own acks (or state) topic, no wildcards.</summary>
    public static bool MaySubscribe(string deviceId, string filter) =>
        filter == Acks(deviceId) || filter == State(deviceId);

    /// <summary>True when a device signed in as <paramref name="deviceId"/> may publish to <paramref name="topic"/>: its own events or state.</summary>
    public static bool MayPublish(string deviceId, string topic) =>
        TryParse(topic, out var owner, out var kind) && owner == deviceId && kind is DeviceTopicKind.Events or DeviceTopicKind.State;
}
