using System.Net;
using System.Text.Json;
using ShowroomActors.Host.Tests.Shelves;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.Alerts;

/// <summary>The alert feed end to end: health facts from posted sensor events and silence open alerts, the clearing facts resolve them, operators acknowledge.</summary>
public sealed class AlertFeedTests(AlertHost host) : IClassFixture<AlertHost>
{
    private TestShowroom Showroom => host.Showroom;

    [Fact]
    public async Task A_device_going_silent_opens_an_offline_alert_on_the_stream_an_operator_acknowledges_it_and_its_return_resolves_it()
    {
        await host.BindAsync("al-1");
        await using var stream = await SseClient.OpenAsync(Showroom.Client, "/api/v1/alerts/stream", bearerKey: TestShowroom.AuditorKey);
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);

        await host.PostAsync("al-1", AlertHost.Event("al-1", 0, "heartbeat"));
        var alert = await host.AwaitAlertAsync("al-1", "device-offline", "open");
        var alertId = alert.GetProperty("alertId").GetString()!;
        Assert.StartsWith("device-offline-", alertId);
        Assert.Equal(AlertHost.Device("al-1"), alert.GetProperty("deviceId").GetString());
        Assert.True(alert.GetProperty("detail").TryGetProperty("lastHeardAt", out _));

        var frame = await NextAlertFrameAsync(stream, a => a.GetProperty("alertId").GetString() == alertId);
        Assert.Equal("open", frame.Data.GetProperty("state").GetString());
        Assert.Equal(alert.GetProperty("change").GetInt64(), frame.Id);

        var acked = await Showroom.PostAsync($"/api/v1/alerts/{alertId}/acknowledge", null);
        Assert.Equal(HttpStatusCode.OK, acked.StatusCode);
        var ack = await TestShowroom.JsonAsync(acked);
        Assert.Equal("acknowledged", ack.GetProperty("state").GetString());
        Assert.Equal("api", ack.GetProperty("acknowledgedBy").GetString());
        var again = await TestShowroom.JsonAsync(await Showroom.PostAsync($"/api/v1/alerts/{alertId}/acknowledge", null));
        Assert.Equal(ack.GetProperty("acknowledgedAt").GetDateTimeOffset(), again.GetProperty("acknowledgedAt").GetDateTimeOffset());

        await host.AwaitAlertAsync("al-1", "device-offline", "acknowledged");
        var ackFrame = await NextAlertFrameAsync(stream, a => a.GetProperty("alertId").GetString() == alertId && a.GetProperty("state").GetString() == "acknowledged");
        Assert.True(ackFrame.Id > frame.Id);
        Assert.DoesNotContain(await host.AlertsAsync("al-1", "open"), a => a.GetProperty("alertId").GetString() == alertId);

        await host.PostAsync("al-1", AlertHost.Event("al-1", 1, "heartbeat"));
        var resolved = await AwaitAlertByIdAsync("al-1", alertId, "resolved");
        Assert.Equal("online", resolved.GetProperty("resolvedBy").GetString());
        Assert.Equal(ack.GetProperty("acknowledgedAt").GetDateTimeOffset(), resolved.GetProperty("acknowledgedAt").GetDateTimeOffset());

        // The stream resumes after the last change it gave: the resolution comes first.
        await using var resumed = await SseClient.OpenAsync(Showroom.Client, "/api/v1/alerts/stream", lastEventId: ackFrame.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), bearerKey: TestShowroom.OperatorKey);
        var next = await NextAlertFrameAsync(resumed, a => a.GetProperty("alertId").GetString() == alertId);
        Assert.Equal("resolved", next.Data.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_device_that_was_never_activated_raises_no_alert()
    {
        await host.BindAsync("al-never");
        await host.BindAsync("al-witness");
        await host.PostAsync("al-witness", AlertHost.Event("al-witness", 0, "heartbeat"));
        // The witness was heard and went silent: its offline alert proves the offline limit has passed.
        await host.AwaitAlertAsync("al-witness", "device-offline", "open");
        var slot = await TestShowroom.JsonAsync(await Showroom.GetAsync("/api/v1/slots/al-never"));
        Assert.False(slot.GetProperty("device").GetProperty("online").GetBoolean());
        // Anything the never-heard slot recorded before now is in the book once the witness's next change is.
        await host.PostAsync("al-witness", AlertHost.Event("al-witness", 1, "heartbeat"));
        await host.AwaitAlertAsync("al-witness", "device-offline", "resolved");

        foreach (var state in new[] { "open", "acknowledged", "resolved" })
            Assert.Empty(await host.AlertsAsync("al-never", state));
    }

    [Fact]
    public async Task Stock_below_the_threshold_and_a_low_battery_open_alerts_and_restocking_resolves_the_stock_alert()
    {
        await host.BindAsync("al-stock");
        var t0 = DateTimeOffset.UtcNow;
        // 540 g a unit: two units settle (below 3), on a battery at 10 %.
        var readings = Enumerable.Range(0, 8).Select(i => AlertHost.Event("al-stock", i, "weight", 1080 + (i % 2), battery: 10, at: t0.AddMilliseconds(100 * i))).ToArray();
        await host.PostAsync("al-stock", readings);
        var low = await host.AwaitAlertAsync("al-stock", "low-stock", "open");
        Assert.Equal(2, low.GetProperty("detail").GetProperty("estimatedCount").GetInt32());
        Assert.Equal(3, low.GetProperty("detail").GetProperty("threshold").GetInt32());
        Assert.False(low.TryGetProperty("deviceId", out _));
        var battery = await host.AwaitAlertAsync("al-stock", "battery-low", "open");
        Assert.Equal(10, battery.GetProperty("detail").GetProperty("battery").GetInt32());

        var restock = Enumerable.Range(8, 8).Select(i => AlertHost.Event("al-stock", i, "weight", 1620 + (i % 2), at: t0.AddMilliseconds(1000 + 100 * i))).ToArray();
        await host.PostAsync("al-stock", restock);
        var resolved = await AwaitAlertByIdAsync("al-stock", low.GetProperty("alertId").GetString()!, "resolved");
        Assert.Equal("restocked", resolved.GetProperty("resolvedBy").GetString());
        Assert.Single(await host.AlertsAsync("al-stock", "open"), a => a.GetProperty("kind").GetString() == "battery-low");
    }

    [Fact]
    public async Task Items_lifted_too_long_open_an_alert_from_the_slots_own_tick_and_the_return_resolves_it()
    {
        await host.BindAsync("al-lift");
        await host.PostAsync("al-lift", AlertHost.Event("al-lift", 0, "lifted"));
        var lifted = await host.AwaitAlertAsync("al-lift", "lifted-too-long", "open");
        Assert.Equal(1, lifted.GetProperty("detail").GetProperty("itemsOut").GetInt32());
        await host.PostAsync("al-lift", AlertHost.Event("al-lift", 1, "returned"));
        var resolved = await AwaitAlertByIdAsync("al-lift", lifted.GetProperty("alertId").GetString()!, "resolved");
        Assert.Equal("returned", resolved.GetProperty("resolvedBy").GetString());
    }

    [Fact]
    public async Task Bad_filters_unknown_alerts_and_the_wrong_keys_are_refused_with_problems()
    {
        await TestShowroom.AssertProblemAsync(await Showroom.GetAsync("/api/v1/alerts?state=burning"), 400, "state");
        await TestShowroom.AssertProblemAsync(await Showroom.GetAsync("/api/v1/alerts?take=0"), 400, "take");
        await TestShowroom.AssertProblemAsync(await Showroom.PostAsync("/api/v1/alerts/device-offline-999999/acknowledge", null), 404, "alertId");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Showroom.GetAsync("/api/v1/alerts", key: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Showroom.PostAsync("/api/v1/alerts/device-offline-1/acknowledge", null, TestShowroom.AuditorKey)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Showroom.GetAsync("/api/v1/alerts", TestShowroom.AuditorKey)).StatusCode);
    }

    private async Task<JsonElement> AwaitAlertByIdAsync(string slotId, string alertId, string state)
    {
        JsonElement found = default;
        await TestShowroom.EventuallyAsync(async () =>
        {
            found = (await host.AlertsAsync(slotId, state)).FirstOrDefault(a => a.GetProperty("alertId").GetString() == alertId);
            return found.ValueKind == JsonValueKind.Object;
        }, AlertHost.Patience, $"alert {alertId} {state}");
        return found;
    }

    private static async Task<(long Id, JsonElement Data)> NextAlertFrameAsync(SseClient stream, Func<JsonElement, bool> wanted)
    {
        var deadline = DateTime.UtcNow + AlertHost.Patience;
        while (true)
        {
            var frame = await stream.NextAsync(deadline - DateTime.UtcNow, "alert");
            if (wanted(frame.Data)) return frame;
        }
    }
}
