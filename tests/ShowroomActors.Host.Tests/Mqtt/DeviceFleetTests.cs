using System.Net;
using ShowroomActors.Host.Tests.Shelves;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.Mqtt;

public sealed class DeviceFleetTests(MqttHost host) : IClassFixture<MqttHost>
{
    private async Task<List<System.Text.Json.JsonElement>> FleetAsync(string query = "", string key = TestShowroom.AuditorKey)
    {
        var response = await host.Showroom.GetAsync($"/api/v1/devices{query}", key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await TestShowroom.JsonAsync(response)).GetProperty("devices").EnumerateArray().ToList();
    }

    [Fact]
    public async Task The_fleet_lists_every_bound_device_with_its_health_and_filters_by_state()
    {
        await host.BindAsync("fl-1", "lc-fl-1", "key-of-lc-fl-1");
        await host.BindAsync("fl-2", "lc-fl-2", "key-of-lc-fl-2");
        await using var device = await MqttDevice.ConnectWhenKnownAsync(host.Port, "lc-fl-1", "key-of-lc-fl-1");
        await device.PublishEventsAsync([ShelfHost.Event("fl-1", "lc-fl-1", 0, "heartbeat", battery: 12), ShelfHost.Event("fl-1", "lc-fl-1", 3, "heartbeat", battery: 11)]);
        await device.NextAckAsync();

        // The directory lags the bindings: wait until it lists both.
        await TestShowroom.EventuallyAsync(async () => (await FleetAsync()).Count(d => d.GetProperty("slotId").GetString()!.StartsWith("fl-")) == 2,
            TimeSpan.FromSeconds(30), "the fleet to list both devices");
        var heard = (await FleetAsync()).Single(d => d.GetProperty("deviceId").GetString() == "lc-fl-1");
        Assert.Equal(("fl-1", true, 11, true, 2L), (heard.GetProperty("slotId").GetString(), heard.GetProperty("online").GetBoolean(),
            heard.GetProperty("battery").GetInt32(), heard.GetProperty("batteryLow").GetBoolean(), heard.GetProperty("missedEvents").GetInt64()));
        Assert.False(string.IsNullOrEmpty(heard.GetProperty("productName").GetString()));
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, heard.GetProperty("lastSeenAt").ValueKind);

        var low = (await FleetAsync("?state=battery-low")).Select(d => d.GetProperty("deviceId").GetString()).ToList();
        var never = (await FleetAsync("?state=never-seen", TestShowroom.OperatorKey)).Select(d => d.GetProperty("deviceId").GetString()).ToList();
        var gaps = (await FleetAsync("?state=gaps")).Select(d => d.GetProperty("deviceId").GetString()).ToList();
        Assert.Contains("lc-fl-1", low);
        Assert.DoesNotContain("lc-fl-2", low);
        Assert.Contains("lc-fl-2", never);
        Assert.DoesNotContain("lc-fl-1", never);
        Assert.Contains("lc-fl-1", gaps);
    }

    [Fact]
    public async Task An_unknown_state_is_a_400_naming_the_field_and_the_fleet_needs_a_key()
    {
        await TestShowroom.AssertProblemAsync(await host.Showroom.GetAsync("/api/v1/devices?state=asleep", TestShowroom.AuditorKey), 400, "state");
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Showroom.GetAsync("/api/v1/devices", key: null)).StatusCode);
    }
}
