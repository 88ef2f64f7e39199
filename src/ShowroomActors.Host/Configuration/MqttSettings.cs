using System.Globalization;
using ShowroomActors.Actors.Configuration;

namespace ShowroomActors.Host.Configuration;

/// <summary>
/// How devices reach this node over MQTT (docs/OPERATIONS.md, "MQTT"): the embedded MQTT server on
/// <c>SHOWROOM_MQTT_PORT</c> (default 1883, <c>off</c> disables it), or, with <c>SHOWROOM_MQTT_BROKER=mqtt://host:port</c>,
/// a client of an external broker (the embedded server is then off) that signs in with
/// <c>SHOWROOM_MQTT_USERNAME</c> / <c>SHOWROOM_MQTT_PASSWORD</c> and shares the device topics with the other nodes
/// through the shared subscription group <c>SHOWROOM_MQTT_GROUP</c> (default <c>showroom</c>). A bad value stops
/// start-up with a message naming the variable (exit code 2).
/// </summary>
public sealed record MqttSettings
{
    public const int DefaultPort = 1883;
    public const string DefaultGroup = "showroom";

    /// <summary>The embedded server's TCP port, or null: no embedded server.</summary>
    public int? Port { get; init; }
    /// <summary>The external broker (host and port), or null: none.</summary>
    public Uri? Broker { get; init; }
    public string? BrokerUsername { get; init; }
    public string? BrokerPassword { get; init; }
    /// <summary>The shared subscription group the nodes of one showroom share (<c>$share/{group}/…</c>).</summary>
    public string Group { get; init; } = DefaultGroup;

    /// <summary>Neither server nor broker client (tests that do not speak MQTT).</summary>
    public static MqttSettings Off => new();

    /// <summary>The embedded server on <paramref name="port"/>.</summary>
    public static MqttSettings Embedded(int port) => new() { Port = port };

    public static MqttSettings From(IConfiguration configuration)
    {
        string? Value(string name) => ConfigurationValues.Read(configuration, name);
        var group = Value("SHOWROOM_MQTT_GROUP") ?? DefaultGroup;
        if (group.Any(c => c is '/' or '+' or '#' || char.IsWhiteSpace(c)))
            throw new SettingsException($"SHOWROOM_MQTT_GROUP must not contain '/', '+', '#' or spaces, not '{group}'.");
        if (Value("SHOWROOM_MQTT_BROKER") is { } broker)
            return new MqttSettings
            {
                Broker = ParseBroker(broker),
                BrokerUsername = Value("SHOWROOM_MQTT_USERNAME"),
                BrokerPassword = Value("SHOWROOM_MQTT_PASSWORD"),
                Group = group,
            };
        return new MqttSettings { Port = Value("SHOWROOM_MQTT_PORT") is { } port ? ParsePort(port) : DefaultPort, Group = group };
    }

    private static int? ParsePort(string text)
    {
        if (text.Equals("off", StringComparison.OrdinalIgnoreCase)) return null;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new SettingsException($"SHOWROOM_MQTT_PORT must be a TCP port (1-65535) or 'off', not '{text}'.");
    }

    private static Uri ParseBroker(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == "mqtt" && uri.Host.Length > 0 && uri.AbsolutePath is "" or "/"
            ? uri
            : throw new SettingsException($"SHOWROOM_MQTT_BROKER must be mqtt://host:port, not '{text}'.");
}
