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

    private MqttDevice(IMqttClient client, string deviceId)
    {
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
        if (batchId is not null) builder.WithUserProperty(MqttMessages.BatchIdProperty, batchId);
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
