using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ShowroomActors.Host.Tests.Shelves;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.Alerts;

/// <summary>
/// Webhooks end to end: registration, a delivery of an alert change to a receiver on Kestrel with its signature checked
/// here by code of the test's own, retries after the receiver fails, and a pending delivery sent after a host restart.
/// </summary>
public sealed class WebhookDeliveryTests
{
    [Fact]
    public async Task An_alert_change_reaches_the_receiver_signed_and_is_retried_until_the_receiver_takes_it()
    {
        await using var showroom = await TestShowroom.StartAsync(extraHocon: AlertHost.ShortLimits);
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 2);
        var created = await showroom.PostAsync("/api/v1/webhooks", new { url = receiver.Url.AbsoluteUri, events = new[] { "alert.opened" }, kinds = new[] { "battery-low" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var hook = await TestShowroom.JsonAsync(created);
        var secret = hook.GetProperty("secret").GetString()!;
        var webhookId = hook.GetProperty("webhookId").GetString()!;
        Assert.Equal($"/api/v1/webhooks/{webhookId}", created.Headers.Location?.OriginalString);

        await ShelfHost.BindAsync(showroom, "wh-1", AlertHost.Device("wh-1"), AlertHost.Key("wh-1"), "wh-product-1");
        var answer = await ShelfHost.PostEventsAsync(showroom, AlertHost.Key("wh-1"), AlertHost.Event("wh-1", 0, "heartbeat", battery: 9));
        Assert.True(answer.IsSuccessStatusCode);

        await TestShowroom.EventuallyAsync(() => Task.FromResult(receiver.Requests.Any(r => r.AnsweredStatus == 200)), AlertHost.Patience, "the delivery taken after two failures");
        var attempts = receiver.Requests.ToArray();
        Assert.Equal(3, attempts.Length);
        Assert.Equal([500, 500, 200], attempts.Select(a => a.AnsweredStatus));
        // One delivery, sent three times: the same id and body each time, signed for each attempt's timestamp.
        Assert.Single(attempts.Select(a => a.Headers["X-Showroom-Delivery"]).Distinct());
        Assert.Single(attempts.Select(a => Encoding.UTF8.GetString(a.Body)).Distinct());
        foreach (var attempt in attempts) Assert.True(SignatureHolds(secret, attempt), "the signature checks with the secret");
        Assert.False(SignatureHolds("whsec_not-the-secret", attempts[^1]));

        var delivered = attempts[^1];
        Assert.Equal("alert.opened", delivered.Headers["X-Showroom-Event"]);
        Assert.StartsWith("application/json", delivered.Headers["Content-Type"]);
        var body = JsonDocument.Parse(delivered.Body).RootElement;
        Assert.Equal(delivered.Headers["X-Showroom-Delivery"], body.GetProperty("deliveryId").GetString());
        Assert.Equal("alert.opened", body.GetProperty("event").GetString());
        Assert.Equal("battery-low", body.GetProperty("alert").GetProperty("kind").GetString());
        Assert.Equal("wh-1", body.GetProperty("alert").GetProperty("slotId").GetString());
        Assert.Equal(9, body.GetProperty("alert").GetProperty("detail").GetProperty("battery").GetInt32());

        // The filters held: the device's offline alert (it went silent) was never sent to this webhook.
        await AlertHost.AwaitAlertAsync(showroom, "wh-1", "device-offline", "open");
        await TestShowroom.EventuallyAsync(async () =>
        {
            var listed = (await TestShowroom.JsonAsync(await showroom.GetAsync("/api/v1/webhooks"))).GetProperty("webhooks").EnumerateArray().Single();
            return listed.GetProperty("delivered").GetInt64() == 1 && listed.GetProperty("pending").GetInt64() == 0 && !listed.TryGetProperty("secret", out _);
        }, AlertHost.Patience, "the webhook listed with one delivery");
        Assert.Equal(3, receiver.Requests.Count);

        Assert.Equal(HttpStatusCode.NoContent, (await showroom.SendAsync(HttpMethod.Delete, $"/api/v1/webhooks/{webhookId}")).StatusCode);
        await TestShowroom.AssertProblemAsync(await showroom.SendAsync(HttpMethod.Delete, $"/api/v1/webhooks/{webhookId}"), 404, "webhookId");
    }

    [Fact]
    public async Task A_delivery_pending_when_the_host_stops_is_delivered_after_it_restarts()
    {
        await using var showroom = await TestShowroom.StartAsync(extraHocon: AlertHost.ShortLimits);
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}/hook";
        Assert.Equal(HttpStatusCode.Created, (await showroom.PostAsync("/api/v1/webhooks", new { url, kinds = new[] { "battery-low" } })).StatusCode);
        await ShelfHost.BindAsync(showroom, "wh-2", AlertHost.Device("wh-2"), AlertHost.Key("wh-2"), "wh-product-2");
        Assert.True((await ShelfHost.PostEventsAsync(showroom, AlertHost.Key("wh-2"), AlertHost.Event("wh-2", 0, "heartbeat", battery: 5))).IsSuccessStatusCode);

        // Nobody listens yet: the delivery fails and waits for its next attempt.
        await TestShowroom.EventuallyAsync(async () =>
        {
            var listed = (await TestShowroom.JsonAsync(await showroom.GetAsync("/api/v1/webhooks"))).GetProperty("webhooks").EnumerateArray().Single();
            return listed.GetProperty("pending").GetInt64() == 1 && listed.TryGetProperty("lastError", out var error) && error.ValueKind == JsonValueKind.String;
        }, AlertHost.Patience, "a failed attempt on record");
        await showroom.StopAsync();

        await using var receiver = await WebhookReceiver.StartAsync(port: port);
        await showroom.RestartAsync();
        await TestShowroom.EventuallyAsync(() => Task.FromResult(receiver.Requests.Any(r => r.AnsweredStatus == 200)), AlertHost.Patience, "the pending delivery sent after the restart");
        var body = JsonDocument.Parse(receiver.Requests.First().Body).RootElement;
        Assert.Equal("wh-2", body.GetProperty("alert").GetProperty("slotId").GetString());
        Assert.Equal("alert.opened", body.GetProperty("event").GetString());
    }

    [Theory]
    [InlineData("""{"url":"not a url"}""", "url")]
    [InlineData("""{"url":"ftp://example.org/hook"}""", "url")]
    [InlineData("""{"url":"/relative/hook"}""", "url")]
    [InlineData("""{}""", "url")]
    [InlineData("""{"url":"https://example.org/hook","events":["alert.exploded"]}""", "events")]
    [InlineData("""{"url":"https://example.org/hook","kinds":["fire"]}""", "kinds")]
    public async Task A_bad_registration_is_a_400_naming_the_field(string body, string field)
    {
        await using var showroom = await TestShowroom.StartAsync();
        await TestShowroom.AssertProblemAsync(await showroom.PostRawAsync("/api/v1/webhooks", body), 400, field);
        Assert.Equal(HttpStatusCode.Forbidden, (await showroom.GetAsync("/api/v1/webhooks", TestShowroom.AuditorKey)).StatusCode);
    }

    /// <summary>The receiver's check, written from the documented scheme: HMAC-SHA256(secret, timestamp + "." + body), hex, "v1=" prefix.</summary>
    private static bool SignatureHolds(string secret, WebhookReceiver.Received request)
    {
        var timestamp = request.Headers["X-Showroom-Timestamp"];
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var digest = hmac.ComputeHash([.. Encoding.ASCII.GetBytes(timestamp), (byte)'.', .. request.Body]);
        var expected = "v1=" + string.Concat(digest.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        return expected == request.Headers["X-Showroom-Signature"];
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
