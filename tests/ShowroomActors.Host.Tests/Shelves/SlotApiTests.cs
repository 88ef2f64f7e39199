using System.Net;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.Shelves;

public sealed class SlotApiTests(ShelfHost host) : IClassFixture<ShelfHost>
{
    private TestShowroom Showroom => host.Showroom;

    [Fact]
    public async Task Binding_answers_the_slot_in_the_contract_shape_and_the_display_starts_idle()
    {
        var productId = await host.BindAsync("api-1", "lc-api-1", "secret-key-api-1");
        var slot = await TestShowroom.JsonAsync(await Showroom.GetAsync("/api/v1/slots/api-1", key: null));
        Assert.Equal("api-1", slot.GetProperty("slotId").GetString());
        Assert.Equal(productId, slot.GetProperty("productId").GetString());
        Assert.False(slot.GetProperty("lifted").GetBoolean());
        Assert.Equal(0, slot.GetProperty("lifts").GetInt32());
        Assert.Equal(0, slot.GetProperty("returns").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, slot.GetProperty("estimatedCount").ValueKind);
        var device = slot.GetProperty("device");
        Assert.Equal("lc-api-1", device.GetProperty("deviceId").GetString());
        Assert.False(device.GetProperty("online").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, device.GetProperty("lastSeq").ValueKind);
        Assert.True(device.TryGetProperty("battery", out _));
        Assert.DoesNotContain("secret-key-api-1", slot.GetRawText());

        var display = await TestShowroom.JsonAsync(await Showroom.GetAsync("/api/v1/slots/api-1/display", key: null));
        Assert.Equal("idle", display.GetProperty("mode").GetString());
        Assert.Equal(0, display.GetProperty("version").GetInt64());
        Assert.Equal(new Uri(Showroom.BaseAddress, "/order/api-1").ToString(), display.GetProperty("orderUrl").GetString());
    }

    [Fact]
    public async Task Binding_again_rotates_the_key_and_the_old_key_stops_working()
    {
        var productId = await host.BindAsync("api-2", "lc-api-2", "first-key-api-2");
        var rebound = await Showroom.PutAsync("/api/v1/slots/api-2", new { productId, deviceId = "lc-api-2", deviceKey = "second-key-api-2" });
        Assert.Equal(HttpStatusCode.OK, rebound.StatusCode);

        await TestShowroom.AssertProblemAsync(await host.PostEventsAsync("first-key-api-2", ShelfHost.Event("api-2", "lc-api-2", 0, "heartbeat")), 401, "X-Device-Key");
        Assert.Equal(HttpStatusCode.OK, (await host.PostEventsAsync("second-key-api-2", ShelfHost.Event("api-2", "lc-api-2", 0, "heartbeat"))).StatusCode);
    }

    [Fact]
    public async Task Bad_binds_are_problems_naming_the_field()
    {
        await TestShowroom.AssertProblemAsync(await Showroom.PutAsync("/api/v1/slots/api-3", new { productId = "fuzhu-x", deviceId = "lc-3", deviceKey = "key-key-key-3" }, key: null), 401, "Authorization");
        await TestShowroom.AssertProblemAsync(await Showroom.PutAsync("/api/v1/slots/api-3", new { productId = "no-such-product", deviceId = "lc-3", deviceKey = "key-key-key-3" }), 404, "productId");
        await TestShowroom.AssertProblemAsync(await Showroom.PutAsync("/api/v1/slots/api-3", new { deviceId = "lc-3", deviceKey = "key-key-key-3" }), 400, "productId");
        var productId = await host.BindAsync("api-3", "lc-api-3", "good-key-api-3");
        await TestShowroom.AssertProblemAsync(await Showroom.PutAsync("/api/v1/slots/api-3", new { productId, deviceId = "lc-3" }), 400, "deviceKey");
        await TestShowroom.AssertProblemAsync(await Showroom.PutAsync("/api/v1/slots/api-3", new { productId, deviceId = "lc-3", deviceKey = "short" }), 400, "deviceKey");
        await TestShowroom.AssertProblemAsync(await Showroom.PutAsync("/api/v1/slots/bad%20slot", new { productId, deviceId = "lc-3", deviceKey = "key-key-key-3" }), 400, "slotId");
        await TestShowroom.AssertProblemAsync(await Showroom.PutAsync("/api/v1/slots/api-3", new { productId = 5 }), 400, "$.productId");
    }

    [Fact]
    public async Task Unknown_slots_are_404_for_every_read()
    {
        await TestShowroom.AssertProblemAsync(await Showroom.GetAsync("/api/v1/slots/never-bound"), 404, "slotId");
        await TestShowroom.AssertProblemAsync(await Showroom.GetAsync("/api/v1/slots/never-bound/display"), 404, "slotId");
        await TestShowroom.AssertProblemAsync(await Showroom.GetAsync("/api/v1/slots/never-bound/display/stream"), 404, "slotId");
        await TestShowroom.AssertProblemAsync(await Showroom.GetAsync("/api/v1/slots/bad%20id"), 404, "slotId");
    }

    [Fact]
    public async Task The_screen_page_is_served_for_a_slot_with_its_script_and_styles()
    {
        var page = await Showroom.GetAsync("/screens/A-01", key: null);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("/shelf/screen.js", html);
        Assert.Contains("lang=\"zh-CN\"", html);
        var script = await (await Showroom.GetAsync("/shelf/screen.js", key: null)).Content.ReadAsStringAsync();
        Assert.Contains("EventSource", script);
        Assert.Contains("/display/stream", script);
        Assert.Contains("/api/v1/products", script);
        Assert.Contains("/qr/", script);
        Assert.Equal(HttpStatusCode.OK, (await Showroom.GetAsync("/shelf/screen.css", key: null)).StatusCode);
    }
}
