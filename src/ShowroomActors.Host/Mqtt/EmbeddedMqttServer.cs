using System.Collections;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MQTTnet.Protocol;
using MQTTnet.Server;
using ShowroomActors.Actors.Configuration;
using ShowroomActors.Application.Shelves;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Shelves;
using ShowroomActors.Host.Configuration;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.Mqtt;

/// <summary>
/// The MQTT server inside the host (MQTTnet), on <see cref="MqttSettings.Port"/>. A device signs in with its device id
/// as user name and its device key as password: the slot bound to it checks the key (<see cref="DeviceSessions"/>);
/// anything else is refused at CONNECT (logged, never the key). A signed-in device may publish only its own events and
/// state topics and subscribe only its own acks and state topics. Its publishes are handled inside MQTTnet's publish
/// interceptor, which the server awaits before it sends the PUBACK: so a QoS 1 events message is acknowledged only once
/// its readings are persisted, and one the journal could not take closes the connection without a PUBACK, for the
/// device to send again. The Last Will (<c>offline</c> on the state topic) passes through the same interceptor.
/// </summary>
public sealed class EmbeddedMqttServer(
    MqttSettings settings, DeviceSessions sessions, DeviceInbox inbox, ShowroomKeys keys, ILogger<EmbeddedMqttServer> log) : IHostedService
{
    /// <summary>Where the device's key came from, as a refusal names it.</summary>
    public const string KeyField = "password";

    private const string DeviceIdItem = "showroom:device-id";
    private const string DeviceKeyItem = "showroom:device-key";
    /// <summary>The session items of the acks this server publishes itself: the interceptor lets them through.</summary>
    private static readonly IDictionary ServerItems = new ConcurrentDictionary<object, object>(new Dictionary<object, object> { ["showroom:server"] = true });

    private MqttServer? _server;

    public int Port => settings.Port ?? throw new InvalidOperationException("The embedded MQTT server is off.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Any)
            .WithDefaultEndpointPort(Port)
            .Build();
        var server = new MqttServerFactory().CreateMqttServer(options);
        server.ValidatingConnectionAsync += ValidateAsync;
        server.InterceptingPublishAsync += InterceptAsync;
        server.InterceptingSubscriptionAsync += SubscribeAsync;
        server.ClientDisconnectedAsync += e =>
        {
            log.LogInformation("MQTT device {DeviceId} disconnected ({Type})", e.UserName, e.DisconnectType);
            return Task.CompletedTask;
        };
        try
        {
            await server.StartAsync();
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            server.Dispose();
            throw new SettingsException($"SHOWROOM_MQTT_PORT {Port}: the port cannot be opened ({e.SocketErrorCode}); another MQTT server may be running there. Stop it, choose another port, or set SHOWROOM_MQTT_PORT=off.");
        }
        _server = server;
        log.LogInformation("Embedded MQTT server listening on port {MqttPort}", Port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is null) return;
        await _server.StopAsync(new MqttServerStopOptions());
        _server.Dispose();
        _server = null;
    }

    private async Task ValidateAsync(ValidatingConnectionEventArgs e)
    {
        var deviceId = e.UserName;
        var password = e.Password;
        if (string.IsNullOrEmpty(deviceId) || string.IsNullOrEmpty(password))
        {
            Refuse(e, deviceId, "user name (the device id) and password (the device key) are required", MqttConnectReasonCode.BadUserNameOrPassword);
            return;
        }
        if (keys.IsRefusedDemoDeviceKey(password))
        {
            Refuse(e, deviceId, "demo device keys work only in demo mode", MqttConnectReasonCode.BadUserNameOrPassword);
            return;
        }
        var key = new DeviceSecret(password);
        var signedIn = await sessions.SignInAsync(deviceId, key, KeyField, e.CancellationToken);
        if (!signedIn.IsAccepted)
        {
            var code = signedIn.Rejection.Code switch
            {
                RejectionCode.Unavailable => MqttConnectReasonCode.ServerUnavailable,
                RejectionCode.Unauthorized or RejectionCode.NotFound or RejectionCode.Invalid => MqttConnectReasonCode.BadUserNameOrPassword,
                _ => MqttConnectReasonCode.NotAuthorized,
            };
            Refuse(e, deviceId, signedIn.Rejection.Message, code);
            return;
        }
        e.SessionItems[DeviceIdItem] = deviceId;
        e.SessionItems[DeviceKeyItem] = key;
        log.LogInformation("MQTT device {DeviceId} of slot {SlotId} connected from {Endpoint}", deviceId, signedIn.Value, e.RemoteEndPoint);
    }

    private void Refuse(ValidatingConnectionEventArgs e, string? deviceId, string reason, MqttConnectReasonCode code)
    {
        e.ReasonCode = code;
        log.LogWarning("MQTT CONNECT refused for device {DeviceId} from {Endpoint}: {Reason}", deviceId, e.RemoteEndPoint, reason);
    }

    private async Task InterceptAsync(InterceptingPublishEventArgs e)
    {
        if (ReferenceEquals(e.SessionItems, ServerItems)) return;
        var topic = e.ApplicationMessage.Topic;
        if (e.SessionItems[DeviceIdItem] is not string deviceId || e.SessionItems[DeviceKeyItem] is not DeviceSecret key
            || !DeviceTopics.MayPublish(deviceId, topic))
        {
            log.LogWarning("MQTT publish of client {ClientId} ({UserName}) to {Topic} refused: a device publishes only to its own events and state topics",
                e.ClientId, e.UserName, topic);
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            return;
        }
        DeviceTopics.TryParse(topic, out _, out var kind);
        var message = new DeviceMessage(deviceId, kind, MqttMessages.Payload(e.ApplicationMessage), key,
            e.ApplicationMessage.CorrelationData, MqttMessages.UserProperty(e.ApplicationMessage, MqttMessages.BatchIdProperty));
        var (outcome, ack) = await inbox.HandleAsync(message, KeyField, e.CancellationToken);
        if (outcome == DeviceInbox.Outcome.Retry)
        {
            // No PUBACK: the connection closes and the device sends the message again.
            e.ProcessPublish = false;
            e.CloseConnection = true;
            return;
        }
        // Events go to the slots, not to other subscribers; state stays retained for whoever watches the device.
        if (kind == DeviceTopicKind.Events) e.ProcessPublish = false;
        if (ack is not null && _server is { } server)
            await server.InjectApplicationMessage(new InjectedMqttApplicationMessage(MqttMessages.Ack(ack)) { CustomSessionItems = ServerItems }, e.CancellationToken);
    }

    private Task SubscribeAsync(InterceptingSubscriptionEventArgs e)
    {
        if (e.SessionItems[DeviceIdItem] is string deviceId && DeviceTopics.MaySubscribe(deviceId, e.TopicFilter.Topic)) return Task.CompletedTask;
        log.LogWarning("MQTT subscription of client {ClientId} ({UserName}) to {Topic} refused: a device subscribes only to its own acks and state topics",
            e.ClientId, e.UserName, e.TopicFilter.Topic);
        e.ProcessSubscription = false;
        e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        return Task.CompletedTask;
    }
}
