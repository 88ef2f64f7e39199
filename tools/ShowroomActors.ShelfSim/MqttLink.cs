using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using ShowroomActors.Client;

namespace ShowroomActors.ShelfSim;

/// <summary>
/// One simulated device speaking MQTT to the host's embedded server (<c>--mqtt host:port</c>): signed in with its device
/// id and key, it publishes each batch at QoS 1 on <c>showroom/v1/devices/{deviceId}/events</c> with a correlation id
/// and waits for the ack with that id on its acks topic (docs/SHELVES.md, "MQTT").
/// </summary>
public sealed class MqttLink : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly string _deviceId;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<IngestAnswer?>> _waiting = new(StringComparer.Ordinal);
    private long _next;

    private MqttLink(IMqttClient client, string deviceId)
    {
        _client = client;
        _deviceId = deviceId;
        client.ApplicationMessageReceivedAsync += e =>
        {
            var id = e.ApplicationMessage.CorrelationData is { } c ? Encoding.UTF8.GetString(c) : null;
            if (id is not null && _waiting.TryRemove(id, out var waiter))
            {
                var payload = e.ApplicationMessage.Payload.ToArray();
                waiter.TrySetResult(IngestAnswer.TryParse(payload, out var answer) ? answer : null);
            }
            return Task.CompletedTask;
        };
    }

    public static async Task<MqttLink> ConnectAsync(string host, int port, string deviceId, string key, CancellationToken cancel)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var link = new MqttLink(client, deviceId);
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId($"shelfsim-{deviceId}")
            .WithCredentials(deviceId, key)
            .WithTimeout(TimeSpan.FromSeconds(30))
            .WithWillTopic($"showroom/v1/devices/{deviceId}/state").WithWillPayload("offline").WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        // The host's device directory lags a fresh binding by about a second: try again for a while.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var connected = await client.ConnectAsync(options, cancel);
            if (connected.ResultCode == MqttClientConnectResultCode.Success) break;
            if (DateTime.UtcNow > deadline)
            {
                client.Dispose();
                throw new ShowroomApiException($"the MQTT server at {host}:{port} refused device {deviceId}: {connected.ResultCode}.");
            }
            await Task.Delay(200, cancel);
        }
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter($"showroom/v1/devices/{deviceId}/acks", MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancel);
        return link;
    }

    /// <summary>Publishes <paramref name="events"/> and waits for their ack: (200, counts), or (0, null) when none came or the publish failed.</summary>
    public async Task<(int Status, IngestAnswer? Answer)> SendAsync<T>(IReadOnlyList<T> events, CancellationToken cancel)
    {
        var id = Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var waiter = new TaskCompletionSource<IngestAnswer?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[id] = waiter;
        var published = await _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic($"showroom/v1/devices/{_deviceId}/events")
            .WithPayload(JsonSerializer.SerializeToUtf8Bytes(new { events }, ShowroomClient.Json))
            .WithCorrelationData(Encoding.UTF8.GetBytes(id))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build(), cancel);
        if (!published.IsSuccess)
        {
            _waiting.TryRemove(id, out _);
            return (0, null);
        }
        try
        {
            var answer = await waiter.Task.WaitAsync(TimeSpan.FromSeconds(30), cancel);
            return (answer is null ? 0 : 200, answer);
        }
        catch (TimeoutException)
        {
            _waiting.TryRemove(id, out _);
            return (0, null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected) await _client.DisconnectAsync();
        _client.Dispose();
    }
}
