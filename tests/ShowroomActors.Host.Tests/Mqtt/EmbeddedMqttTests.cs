using System.Net;
using MQTTnet;
using MQTTnet.Protocol;
using ShowroomActors.Host.Configuration;
using ShowroomActors.Host.Mqtt;
using ShowroomActors.Host.Tests.Shelves;
using ShowroomActors.Host.Tests.Support;
using ShowroomActors.TestSupport;

namespace ShowroomActors.Host.Tests.Mqtt;

/// <summary>One host with the embedded MQTT server on a free port, shared by a test class.</summary>
public sealed class MqttHost : IAsyncLifetime
{
    public TestShowroom Showroom { get; private set; } = null!;
    public int Port { get; } = MqttDevice.FreePort();
    private int _products;

    public async Task InitializeAsync() =>
        Showroom = await TestShowroom.StartAsync(extraHocon: ShelfHost.ShortTimings, mqtt: MqttSettings.Embedded(Port));

    public async Task DisposeAsync() => await Showroom.DisposeAsync();

    public Task BindAsync(string slotId, string deviceId, string key) =>
        ShelfHost.BindAsync(Showroom, slotId, deviceId, key, $"mqtt-fuzhu-{Interlocked.Increment(ref _products)}");

    public async Task<System.Text.Json.JsonElement> SlotAsync(string slotId) =>
        await TestShowroom.JsonAsync(await Showroom.GetAsync($"/api/v1/slots/{slotId}", key: null));
}

public sealed class EmbeddedMqttTests(MqttHost host) : IClassFixture<MqttHost>
{
    [Fact]
    public async Task A_lift_published_over_MQTT_reaches_the_screen_and_is_acked_once_persisted()
    {
        await host.BindAsync("mq-1", "rfid-mq-1", "key-of-rfid-mq-1");
        await using var sse = await SseClient.OpenAsync(host.Showroom.Client, "/api/v1/slots/mq-1/display/stream");
        Assert.Equal("idle", (await sse.NextAsync()).Data.GetProperty("mode").GetString());
        await using var device = await MqttDevice.ConnectWhenKnownAsync(host.Port, "rfid-mq-1", "key-of-rfid-mq-1");

        var published = await device.PublishEventsAsync([ShelfHost.Event("mq-1", "rfid-mq-1", 0, "lifted")], batchId: "b-1", correlation: MqttDevice.Utf8("corr-1"));

        Assert.Equal(MqttClientPublishReasonCode.Success, published.ReasonCode);
        var (ack, correlation) = await device.NextAckAsync();
        Assert.Equal(("b-1", 1, 0, 0, 0), (ack.GetProperty("batchId").GetString(), ack.GetProperty("accepted").GetInt32(),
            ack.GetProperty("folded").GetInt32(), ack.GetProperty("duplicates").GetInt32(), ack.GetProperty("rejected").GetArrayLength()));
        Assert.Equal("corr-1", System.Text.Encoding.UTF8.GetString(correlation!));
        // The PUBACK and the ack came after the slot persisted the lift: reading the slot now finds it.
        Assert.Equal(1, (await host.SlotAsync("mq-1")).GetProperty("lifts").GetInt32());
        var (_, frame) = await sse.NextAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("product", frame.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task A_redelivered_batch_is_acked_as_duplicates_and_moves_nothing()
    {
        await host.BindAsync("mq-2", "rfid-mq-2", "key-of-rfid-mq-2");
        await using var device = await MqttDevice.ConnectWhenKnownAsync(host.Port, "rfid-mq-2", "key-of-rfid-mq-2");
        object[] batch = [ShelfHost.Event("mq-2", "rfid-mq-2", 0, "lifted"), ShelfHost.Event("mq-2", "rfid-mq-2", 1, "returned")];

        await device.PublishEventsAsync(batch);
        var first = (await device.NextAckAsync()).Ack;
        await device.PublishEventsAsync(batch);
        var again = (await device.NextAckAsync()).Ack;

        Assert.Equal((2, 0), (first.GetProperty("accepted").GetInt32(), first.GetProperty("duplicates").GetInt32()));
        Assert.Equal((0, 2), (again.GetProperty("accepted").GetInt32(), again.GetProperty("duplicates").GetInt32()));
        var slot = await host.SlotAsync("mq-2");
        Assert.Equal((1, 1), (slot.GetProperty("lifts").GetInt32(), slot.GetProperty("returns").GetInt32()));
    }

    [Fact]
    public async Task A_bad_event_is_rejected_in_the_ack_with_its_field_and_the_rest_is_kept()
    {
        await host.BindAsync("mq-3", "rfid-mq-3", "key-of-rfid-mq-3");
        await using var device = await MqttDevice.ConnectWhenKnownAsync(host.Port, "rfid-mq-3", "key-of-rfid-mq-3");

        await device.PublishEventsAsync([ShelfHost.Event("mq-3", "rfid-mq-3", 0, "lifted"), ShelfHost.Event("mq-3", "rfid-mq-3", 1, "jumped")]);

        var ack = (await device.NextAckAsync()).Ack;
        Assert.Equal(1, ack.GetProperty("accepted").GetInt32());
        var rejected = Assert.Single(ack.GetProperty("rejected").EnumerateArray());
        Assert.Equal((1, "events[1].type", "invalid"), (rejected.GetProperty("index").GetInt32(), rejected.GetProperty("field").GetString(), rejected.GetProperty("code").GetString()));

        // A batch that is not JSON at all: nothing taken, the problem says why and where.
        await device.Client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(DeviceTopics.Events("rfid-mq-3")).WithPayload("{not json")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        var refused = (await device.NextAckAsync()).Ack;
        Assert.Equal(0, refused.GetProperty("accepted").GetInt32());
        Assert.Equal(400, refused.GetProperty("refused").GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_wrong_key_or_an_unknown_device_is_refused_at_CONNECT()
    {
        await host.BindAsync("mq-4", "rfid-mq-4", "key-of-rfid-mq-4");
        // Known to the directory first, so the refusal below is the key's, not the lag's.
        await (await MqttDevice.ConnectWhenKnownAsync(host.Port, "rfid-mq-4", "key-of-rfid-mq-4")).DisposeAsync();

        var wrongKey = await Assert.ThrowsAsync<MqttDevice.ConnectRefused>(() => MqttDevice.ConnectAsync(host.Port, "rfid-mq-4", "not-the-key-of-mq-4"));
        var unknown = await Assert.ThrowsAsync<MqttDevice.ConnectRefused>(() => MqttDevice.ConnectAsync(host.Port, "rfid-nobody", "key-of-rfid-mq-4"));

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, wrongKey.ResultCode);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, unknown.ResultCode);
    }

    [Fact]
    public async Task A_device_may_neither_publish_to_nor_subscribe_another_devices_topics()
    {
        await host.BindAsync("mq-5", "rfid-mq-5", "key-of-rfid-mq-5");
        await host.BindAsync("mq-6", "rfid-mq-6", "key-of-rfid-mq-6");
        await using var device = await MqttDevice.ConnectWhenKnownAsync(host.Port, "rfid-mq-5", "key-of-rfid-mq-5");

        var published = await device.PublishEventsAsync([ShelfHost.Event("mq-6", "rfid-mq-6", 0, "lifted")], topic: DeviceTopics.Events("rfid-mq-6"));
        var subscribed = await device.Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(DeviceTopics.Acks("rfid-mq-6"), MqttQualityOfServiceLevel.AtLeastOnce).Build());
        var wildcard = await device.Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter("showroom/v1/devices/#", MqttQualityOfServiceLevel.AtLeastOnce).Build());

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, published.ReasonCode);
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, subscribed.Items.Single().ResultCode);
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, wildcard.Items.Single().ResultCode);
        Assert.Equal(0, (await host.SlotAsync("mq-6")).GetProperty("lifts").GetInt32());
    }

    [Fact]
    public async Task A_killed_connection_publishes_the_Last_Will_and_the_device_goes_offline()
    {
        await host.BindAsync("mq-7", "rfid-mq-7", "key-of-rfid-mq-7");
        using var proxy = new TcpProxy("127.0.0.1", host.Port);
        var device = await MqttDevice.ConnectWhenKnownAsync(proxy.Port, "rfid-mq-7", "key-of-rfid-mq-7");
        await device.PublishEventsAsync([ShelfHost.Event("mq-7", "rfid-mq-7", 0, "heartbeat", battery: 80)]);
        await device.NextAckAsync();
        Assert.True((await host.SlotAsync("mq-7")).GetProperty("device").GetProperty("online").GetBoolean());

        proxy.Cut(); // the connection dies without a DISCONNECT, as when a device loses power

        await TestShowroom.EventuallyAsync(async () => !(await host.SlotAsync("mq-7")).GetProperty("device").GetProperty("online").GetBoolean(),
            TimeSpan.FromSeconds(30), "the Last Will to mark the device offline");
        var fleet = await TestShowroom.JsonAsync(await host.Showroom.GetAsync("/api/v1/devices?state=offline", TestShowroom.AuditorKey));
        var listed = fleet.GetProperty("devices").EnumerateArray().Single(d => d.GetProperty("deviceId").GetString() == "rfid-mq-7");
        Assert.Equal(("mq-7", false, 80), (listed.GetProperty("slotId").GetString(), listed.GetProperty("online").GetBoolean(), listed.GetProperty("battery").GetInt32()));
        device.Client.Dispose();

        // Back again: its state message brings it online (as a reading would).
        await using var back = await MqttDevice.ConnectAsync(host.Port, "rfid-mq-7", "key-of-rfid-mq-7");
        // Retained for whoever watches the device; no one subscribes it here.
        Assert.True((await back.PublishStateAsync(DeviceInbox.Online)).IsSuccess);
        Assert.True((await host.SlotAsync("mq-7")).GetProperty("device").GetProperty("online").GetBoolean());
    }
}
