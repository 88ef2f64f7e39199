using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using ShowroomActors.Host.Mqtt;

namespace ShowroomActors.Host.Tests.Mqtt;

/// <summary>
/// A device as a test drives it: a real MQTTnet client (MQTT 5) signed in with its device id and key, with a Last Will
/// of <c>offline</c> on its state topic, subscribed to its acks topic.
/// </summary>
public sealed class MqttDevice : IAsyncDisposable
{
    private readonly Channel<(JsonElement Ack, byte[]? Correlation)> _acks = Channel.CreateUnbounded<(JsonElement, byte[]?)>();

    private MqttDevice(IMqttClient client, string deviceId, string? brokerKey = null)
    {
        _brokerKey = brokerKey;
        Client = client;
        DeviceId = deviceId;
        client.ApplicationMessageReceivedAsync += e =>
        {
            if (e.ApplicationMessage.Topic == DeviceTopics.Acks(deviceId))
            {
                var json = JsonDocument.Parse(MqttMessages.Payload(e.ApplicationMessage)).RootElement.Clone();
                _acks.Writer.TryWrite((json, e.ApplicationMessage.CorrelationData));
            }
            return Task.CompletedTask;
        };
    }

    /// <summary>With an external broker: the device key, sent as the <c>device-key</c> user property on every publish.</summary>
    private readonly string? _brokerKey;

    public IMqttClient Client { get; }
    public string DeviceId { get; }

    public static MqttClientOptions Options(int port, string deviceId, string key) =>
        new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId($"{deviceId}-{Guid.NewGuid():N}")
            .WithCredentials(deviceId, key)
            .WithTimeout(TimeSpan.FromSeconds(30))
            .WithWillTopic(DeviceTopics.State(deviceId))
            .WithWillPayload(DeviceInbox.Offline)
            .WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();

    /// <summary>The server answered CONNECT with <paramref name="Code"/>.</summary>
    public sealed class ConnectRefused(MqttClientConnectResultCode code) : Exception($"CONNECT refused: {code}")
    {
        public MqttClientConnectResultCode ResultCode => code;
    }

    /// <summary>Connects and subscribes the acks; a refused CONNECT throws <see cref="ConnectRefused"/>.</summary>
    public static async Task<MqttDevice> ConnectAsync(int port, string deviceId, string key)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var device = new MqttDevice(client, deviceId);
        try
        {
            var connected = await client.ConnectAsync(Options(port, deviceId, key));
            if (connected.ResultCode != MqttClientConnectResultCode.Success) throw new ConnectRefused(connected.ResultCode);
            var subscribed = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(DeviceTopics.Acks(deviceId), MqttQualityOfServiceLevel.AtLeastOnce).Build());
            Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, subscribed.Items.Single().ResultCode);
        }
        catch
        {
            client.Dispose();
            throw;
        }
        return device;
    }

    /// <summary>
    /// A device of an external broker (which here signs no one in): the key rides on each publish and on the Last Will
    /// as the <c>device-key</c> user property, which the host checks.
    /// </summary>
    public static async Task<MqttDevice> ConnectToBrokerAsync(int port, string deviceId, string key)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var device = new MqttDevice(client, deviceId, key);
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId($"{deviceId}-{Guid.NewGuid():N}")
            .WithTimeout(TimeSpan.FromSeconds(30))
            .WithWillTopic(DeviceTopics.State(deviceId))
            .WithWillPayload(DeviceInbox.Offline)
            .WithWillUserProperty(MqttMessages.DeviceKeyProperty, new ReadOnlyMemory<byte>(Utf8(key)))
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        var connected = await client.ConnectAsync(options);
        if (connected.ResultCode != MqttClientConnectResultCode.Success) throw new ConnectRefused(connected.ResultCode);
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(DeviceTopics.Acks(deviceId), MqttQualityOfServiceLevel.AtLeastOnce).Build());
        return device;
    }

    /// <summary>
    /// Connects until the host's device directory knows the device (it lags the binding by the read model's refresh):
    /// a refusal before then is retried for up to 30 s.
    /// </summary>
    public static async Task<MqttDevice> ConnectWhenKnownAsync(int port, string deviceId, string key)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                return await ConnectAsync(port, deviceId, key);
            }
            catch (ConnectRefused) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Publishes a batch at QoS 1; the result is the broker's PUBACK.</summary>
    public Task<MqttClientPublishResult> PublishEventsAsync(object[] events, string? batchId = null, byte[]? correlation = null, string? topic = null)
    {
        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(topic ?? DeviceTopics.Events(DeviceId))
            .WithPayload(JsonSerializer.SerializeToUtf8Bytes(new { events }))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (batchId is not null) builder.WithUserProperty(MqttMessages.BatchIdProperty, new ReadOnlyMemory<byte>(Utf8(batchId)));
        if (_brokerKey is not null) builder.WithUserProperty(MqttMessages.DeviceKeyProperty, new ReadOnlyMemory<byte>(Utf8(_brokerKey)));
        if (correlation is not null) builder.WithCorrelationData(correlation);
        return Client.PublishAsync(builder.Build());
    }

    public Task<MqttClientPublishResult> PublishStateAsync(string state) =>
        Client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(DeviceTopics.State(DeviceId)).WithPayload(state).WithRetainFlag()
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    /// <summary>The next ack on the device's acks topic (30 s at most).</summary>
    public async Task<(JsonElement Ack, byte[]? Correlation)> NextAckAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _acks.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>The next ack, or null when none arrives within <paramref name="wait"/>.</summary>
    public async Task<(JsonElement Ack, byte[]? Correlation)?> TryNextAckAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            return await _acks.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public async ValueTask DisposeAsync()
    {
        if (Client.IsConnected) await Client.DisconnectAsync();
        Client.Dispose();
    }
}
