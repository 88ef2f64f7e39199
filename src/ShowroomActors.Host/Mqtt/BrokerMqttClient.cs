using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using ShowroomActors.Actors.Configuration;
using ShowroomActors.Domain.Shelves;
using ShowroomActors.Host.Configuration;

namespace ShowroomActors.Host.Mqtt;

/// <summary>
/// This node as an MQTT 5 client of an external broker (<see cref="MqttSettings.Broker"/>, e.g. mosquitto). It
/// subscribes the device topics through the shared subscription <c>$share/{group}/…</c>, so the broker gives each
/// message to one node of the group. The broker signs devices in and keeps each to its own topics (password file and
/// ACL, docs/OPERATIONS.md); the device key rides on every publish (and the Last Will) as the <c>device-key</c> user
/// property, and the slot checks it as for HTTP. Messages are acknowledged by hand, after <see cref="DeviceInbox"/>
/// has persisted them: a message the journal could not take is left unacknowledged and the client reconnects to its
/// persistent session, so the broker delivers it again.
/// </summary>
public sealed class BrokerMqttClient(MqttSettings settings, ShowroomSettings node, DeviceInbox inbox, ILogger<BrokerMqttClient> log) : IHostedService
{
    /// <summary>Where the device's key came from, as a refusal names it.</summary>
    public const string KeyField = MqttMessages.DeviceKeyProperty;

    /// <summary>How long the broker keeps this node's session (and its unacknowledged messages) after a disconnect.</summary>
    private const uint SessionExpirySeconds = 3600;

    private readonly CancellationTokenSource _stop = new();
    private IMqttClient? _client;
    private Task _reconnecting = Task.CompletedTask;
    private int _reconnectPending;

    /// <summary>The node's MQTT client id: stable across restarts of the node, so its session (and what it did not acknowledge) survives.</summary>
    public string ClientId { get; } = node.AkkaPort == 0
        ? $"showroom-{Environment.MachineName}-{Guid.NewGuid():N}"
        : $"showroom-{Environment.MachineName}-{node.AkkaPort}";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += ReceiveAsync;
        client.DisconnectedAsync += e =>
        {
            if (!_stop.IsCancellationRequested && e.ClientWasConnected)
            {
                log.LogWarning("MQTT broker {Broker} connection lost ({Reason}); reconnecting", settings.Broker, e.Reason);
                Reconnect();
            }
            return Task.CompletedTask;
        };
        _client = client;
        if (!await TryConnectAsync(cancellationToken))
        {
            log.LogWarning("MQTT broker {Broker} does not answer yet; retrying in the background", settings.Broker);
            Reconnect();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        try
        {
            await _reconnecting.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the reconnect loop ends with the stop token.
        }
        if (_client is { IsConnected: true } client)
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancellationToken);
        _client?.Dispose();
    }

    private MqttClientOptions Options()
    {
        var broker = settings.Broker!;
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port > 0 ? broker.Port : MqttSettings.DefaultPort)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(ClientId)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(SessionExpirySeconds)
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (settings.BrokerUsername is { } user) builder.WithCredentials(user, settings.BrokerPassword ?? "");
        return builder.Build();
    }

    private async Task<bool> TryConnectAsync(CancellationToken cancel)
    {
        try
        {
            var connected = await _client!.ConnectAsync(Options(), cancel);
            if (connected.ResultCode != MqttClientConnectResultCode.Success)
            {
                log.LogError("MQTT broker {Broker} refused this node ({Code}); check SHOWROOM_MQTT_USERNAME and SHOWROOM_MQTT_PASSWORD", settings.Broker, connected.ResultCode);
                return false;
            }
            var subscribe = new MqttClientSubscribeOptionsBuilder();
            foreach (var filter in DeviceTopics.Inbound)
                subscribe.WithTopicFilter($"$share/{settings.Group}/{filter}", MqttQualityOfServiceLevel.AtLeastOnce);
            var subscribed = await _client.SubscribeAsync(subscribe.Build(), cancel);
            foreach (var item in subscribed.Items.Where(i => i.ResultCode != MqttClientSubscribeResultCode.GrantedQoS1))
                log.LogError("MQTT broker {Broker} did not grant {Topic}: {Code}", settings.Broker, item.TopicFilter.Topic, item.ResultCode);
            log.LogInformation("MQTT client {ClientId} connected to {Broker}, shared group {Group} (session resumed: {SessionPresent})",
                ClientId, settings.Broker, settings.Group, connected.IsSessionPresent);
            return true;
        }
        catch (Exception e) when (e is MqttCommunicationException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            if (!cancel.IsCancellationRequested) log.LogDebug(e, "MQTT broker {Broker} connect failed", settings.Broker);
            return false;
        }
    }

    /// <summary>Reconnects in the background, with backoff, until connected or stopping (at most one loop at a time).</summary>
    private void Reconnect()
    {
        if (Interlocked.Exchange(ref _reconnectPending, 1) == 1) return;
        _reconnecting = Task.Run(async () =>
        {
            var delay = TimeSpan.FromMilliseconds(200);
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    if (_client!.IsConnected)
                        await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), _stop.Token);
                    await Task.Delay(delay, _stop.Token);
                    if (await TryConnectAsync(_stop.Token)) return;
                    delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 10_000));
                }
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
            catch (MqttCommunicationException e)
            {
                log.LogWarning(e, "MQTT reconnect to {Broker} failed; the next message or lost connection tries again", settings.Broker);
            }
            finally
            {
                Interlocked.Exchange(ref _reconnectPending, 0);
            }
        });
    }

    private async Task ReceiveAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        e.AutoAcknowledge = false;
        var message = e.ApplicationMessage;
        if (!DeviceTopics.TryParse(message.Topic, out var deviceId, out var kind) || kind == DeviceTopicKind.Acks)
        {
            await e.AcknowledgeAsync(_stop.Token);
            return;
        }
        if (MqttMessages.UserProperty(message, MqttMessages.DeviceKeyProperty) is not { Length: > 0 } key)
        {
            log.LogWarning("MQTT message of device {DeviceId} on {Topic} dropped: it carries no '{Property}' user property",
                deviceId, message.Topic, MqttMessages.DeviceKeyProperty);
            await e.AcknowledgeAsync(_stop.Token);
            return;
        }
        var inbound = new DeviceMessage(deviceId, kind, MqttMessages.Payload(message), new DeviceSecret(key), message.CorrelationData,
            MqttMessages.UserProperty(message, MqttMessages.BatchIdProperty));
        var (outcome, ack) = await inbox.HandleAsync(inbound, KeyField, _stop.Token);
        if (outcome == DeviceInbox.Outcome.Retry)
        {
            // Not acknowledged: the broker delivers it again once this node is back on its session.
            log.LogWarning("MQTT message of device {DeviceId} not persisted; leaving it to the broker to deliver again", deviceId);
            Reconnect();
            return;
        }
        if (ack is not null) await _client!.PublishAsync(MqttMessages.Ack(ack), _stop.Token);
        await e.AcknowledgeAsync(_stop.Token);
    }
}
