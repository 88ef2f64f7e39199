using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.Shelves;

public sealed class SensorEventsTests(ShelfHost host) : IClassFixture<ShelfHost>
{
    private TestShowroom Showroom => host.Showroom;

    private async Task<System.Text.Json.JsonElement> SlotAsync(string slotId) =>
        await TestShowroom.JsonAsync(await Showroom.GetAsync($"/api/v1/slots/{slotId}", key: null));

    [Fact]
    public async Task A_batch_answers_accepted_duplicates_and_rejected_after_persisting_and_keeps_the_good_events()
    {
        await host.BindAsync("ev-1", "rfid-ev-1", "key-of-rfid-ev-1");
        var response = await host.PostEventsAsync("key-of-rfid-ev-1",
            ShelfHost.Event("ev-1", "rfid-ev-1", 0, "heartbeat", battery: 90),
            ShelfHost.Event("ev-1", "rfid-ev-1", 1, "lifted"),
            ShelfHost.Event("ev-1", "rfid-ev-1", 2, "sneezed"),
            ShelfHost.Event("ev-1", "rfid-ev-1", 1, "lifted"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await TestShowroom.JsonAsync(response);
        Assert.Equal(2, body.GetProperty("accepted").GetInt32());
        Assert.Equal(1, body.GetProperty("duplicates").GetInt32());
        var rejected = Assert.Single(body.GetProperty("rejected").EnumerateArray());
        Assert.Equal(2, rejected.GetProperty("index").GetInt32());
        Assert.Contains("type", rejected.GetProperty("error").GetString());

        // Answered after persisting: the slot already shows it.
        var slot = await SlotAsync("ev-1");
        Assert.True(slot.GetProperty("lifted").GetBoolean());
        Assert.Equal(1, slot.GetProperty("lifts").GetInt32());
        Assert.Equal(1, slot.GetProperty("device").GetProperty("lastSeq").GetInt64());
        Assert.True(slot.GetProperty("device").GetProperty("online").GetBoolean());
        Assert.Equal(90, slot.GetProperty("device").GetProperty("battery").GetInt32());

        var again = await TestShowroom.JsonAsync(await host.PostEventsAsync("key-of-rfid-ev-1", ShelfHost.Event("ev-1", "rfid-ev-1", 1, "lifted")));
        Assert.Equal((0, 1), (again.GetProperty("accepted").GetInt32(), again.GetProperty("duplicates").GetInt32()));
        Assert.Equal(1, (await SlotAsync("ev-1")).GetProperty("lifts").GetInt32());
    }

    [Fact]
    public async Task Load_cell_readings_become_a_lift_and_an_estimated_count_and_low_battery_shows()
    {
        await host.BindAsync("ev-2", "lc-ev-2", "key-of-lc-ev-2");
        var t0 = DateTimeOffset.UtcNow;
        var readings = new List<object>();
        long seq = 0;
        for (var i = 0; i < 8; i++) readings.Add(ShelfHost.Event("ev-2", "lc-ev-2", seq++, "weight", 5400 + (i % 3), at: t0.AddMilliseconds(100 * i)));
        for (var i = 0; i < 8; i++) readings.Add(ShelfHost.Event("ev-2", "lc-ev-2", seq++, "weight", 4860 - (i % 2), battery: 12, at: t0.AddMilliseconds(1000 + 100 * i)));
        var body = await TestShowroom.JsonAsync(await host.PostEventsAsync("key-of-lc-ev-2", [.. readings]));
        Assert.Equal(16, body.GetProperty("accepted").GetInt32());

        var slot = await SlotAsync("ev-2");
        Assert.Equal(1, slot.GetProperty("lifts").GetInt32());
        Assert.Equal(9, slot.GetProperty("estimatedCount").GetInt32());
        Assert.True(slot.GetProperty("device").GetProperty("batteryLow").GetBoolean());
        Assert.Equal(15, slot.GetProperty("device").GetProperty("lastSeq").GetInt64());
    }

    [Theory]
    [InlineData("{\"deviceId\":\"lc-ev-3\",\"slotId\":\"ev-3\",\"seq\":-1,\"at\":\"2020-09-08T10:00:00Z\",\"type\":\"heartbeat\"}", "events[0].seq")]
    [InlineData("{\"deviceId\":\"lc-ev-3\",\"slotId\":\"ev-3\",\"seq\":1,\"at\":\"2020-09-08T10:00:00Z\",\"type\":\"teleported\"}", "events[0].type")]
    [InlineData("{\"deviceId\":\"lc-ev-3\",\"slotId\":\"ev-3\",\"seq\":1,\"at\":\"2020-09-08T10:00:00Z\",\"type\":\"weight\",\"weightGrams\":-5}", "events[0].weightGrams")]
    [InlineData("{\"deviceId\":\"lc-ev-3\",\"slotId\":\"ev-3\",\"seq\":1,\"at\":\"2020-09-08T10:00:00Z\",\"type\":\"weight\",\"weightGrams\":9000000}", "events[0].weightGrams")]
    [InlineData("{\"deviceId\":\"lc-ev-3\",\"slotId\":\"ev-3\",\"seq\":1,\"at\":\"2020-09-08T10:00:00Z\",\"type\":\"weight\"}", "events[0].weightGrams")]
    [InlineData("{\"deviceId\":\"lc-ev-3\",\"slotId\":\"ev-3\",\"seq\":1,\"at\":\"2020-09-08T10:00:00Z\",\"type\":\"heartbeat\",\"battery\":140}", "events[0].battery")]
    [InlineData("{\"deviceId\":\"lc-ev-3\",\"slotId\":\"ev-3\",\"seq\":\"one\",\"at\":\"2020-09-08T10:00:00Z\",\"type\":\"heartbeat\"}", "events[0].seq")]
    [InlineData("{\"deviceId\":\"lc-ev-3\",\"slotId\":\"ev-3\",\"seq\":1,\"type\":\"heartbeat\"}", "events[0].at")]
    [InlineData("{\"deviceId\":\"lc-ev-3\",\"seq\":1,\"at\":\"2020-09-08T10:00:00Z\",\"type\":\"heartbeat\"}", "events[0].slotId")]
    [InlineData("42", "events[0].$")]
    public async Task A_batch_of_only_bad_events_is_a_400_naming_the_field(string evt, string field)
    {
        var response = await Showroom.PostRawAsync("/api/v1/sensor-events", $"{{\"events\":[{evt}]}}", key: null);
        // Without a device key the request is refused before its body is even read.
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sensor-events") { Content = new StringContent($"{{\"events\":[{evt}]}}", Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Device-Key", "key-of-lc-ev-3");
        var body = await TestShowroom.AssertProblemAsync(await Showroom.Client.SendAsync(request), 400, field);
        Assert.Single(body.GetProperty("rejected").EnumerateArray());
    }

    [Fact]
    public async Task An_event_of_the_wrong_json_type_is_rejected_alone_and_the_good_events_around_it_are_kept()
    {
        // A well-formed batch is read in one typed pass; this one is not, so it is read again event by event.
        await host.BindAsync("ev-9", "rfid-ev-9", "key-of-rfid-ev-9");
        const string at = "\"at\":\"2020-09-08T10:00:00Z\"";
        var events = $$"""
            {"events":[
              {"deviceId":"rfid-ev-9","slotId":"ev-9","seq":0,{{at}},"type":"lifted"},
              {"deviceId":"rfid-ev-9","slotId":"ev-9","seq":{"n":1},{{at}},"type":"returned"},
              {"deviceId":"rfid-ev-9","slotId":"ev-9","seq":2,{{at}},"type":"lifted"}]}
            """;
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sensor-events") { Content = new StringContent(events, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Device-Key", "key-of-rfid-ev-9");

        var body = await TestShowroom.JsonAsync(await Showroom.Client.SendAsync(request));

        Assert.Equal(2, body.GetProperty("accepted").GetInt32());
        var rejected = Assert.Single(body.GetProperty("rejected").EnumerateArray());
        Assert.Equal(1, rejected.GetProperty("index").GetInt32());
        Assert.Contains("'seq'", rejected.GetProperty("error").GetString());
        var slot = await SlotAsync("ev-9");
        Assert.Equal((2, 2L), (slot.GetProperty("lifts").GetInt32(), slot.GetProperty("device").GetProperty("lastSeq").GetInt64()));
    }

    [Fact]
    public async Task Unknown_slots_slots_without_a_device_and_wrong_keys_persist_nothing()
    {
        await TestShowroom.AssertProblemAsync(await host.PostEventsAsync("any-key-at-all", ShelfHost.Event("ev-nobody", "lc-x", 0, "lifted")), 404, "events[0].slotId");

        var registered = await Showroom.PostAsync("/api/v1/products", SampleProducts.Fuzhu("fuzhu-nodevice"));
        Assert.True(registered.IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Showroom.PutAsync("/api/v1/slots/ev-4", new { productId = "fuzhu-nodevice" })).StatusCode);
        await TestShowroom.AssertProblemAsync(await host.PostEventsAsync("any-key-at-all", ShelfHost.Event("ev-4", "lc-x", 0, "lifted")), 409, "events[0].slotId");

        await host.BindAsync("ev-5", "lc-ev-5", "key-of-lc-ev-5");
        await TestShowroom.AssertProblemAsync(await host.PostEventsAsync("not-the-key-of-ev-5", ShelfHost.Event("ev-5", "lc-ev-5", 0, "lifted")), 401, "X-Device-Key");
        await TestShowroom.AssertProblemAsync(await host.PostEventsAsync("key-of-lc-ev-5", ShelfHost.Event("ev-5", "lc-other", 0, "lifted")), 401, "X-Device-Key");
        await TestShowroom.AssertProblemAsync(await ShelfHost.PostEventsAsync(Showroom, null, ShelfHost.Event("ev-5", "lc-ev-5", 0, "lifted")), 401, "X-Device-Key");

        // A key good for one slot but not for another slot of the same request: 401 before either persists.
        await host.BindAsync("ev-6", "lc-ev-6", "key-of-lc-ev-6");
        await TestShowroom.AssertProblemAsync(await host.PostEventsAsync("key-of-lc-ev-5",
            ShelfHost.Event("ev-5", "lc-ev-5", 0, "lifted"), ShelfHost.Event("ev-6", "lc-ev-6", 0, "lifted")), 401, "X-Device-Key");
        foreach (var slotId in new[] { "ev-5", "ev-6" })
        {
            var slot = await SlotAsync(slotId);
            Assert.Equal(0, slot.GetProperty("lifts").GetInt32());
            Assert.Equal(System.Text.Json.JsonValueKind.Null, slot.GetProperty("device").GetProperty("lastSeq").ValueKind);
        }
    }

    [Fact]
    public async Task A_batch_across_slots_of_one_device_key_persists_each_and_rejects_an_unknown_slot_entry()
    {
        var productId = await host.BindAsync("ev-7", "gw-7", "key-of-gateway-7");
        Assert.Equal(HttpStatusCode.OK, (await Showroom.PutAsync("/api/v1/slots/ev-8", new { productId, deviceId = "gw-7", deviceKey = "key-of-gateway-7" })).StatusCode);
        var body = await TestShowroom.JsonAsync(await host.PostEventsAsync("key-of-gateway-7",
            ShelfHost.Event("ev-7", "gw-7", 0, "lifted"), ShelfHost.Event("ev-8", "gw-7", 0, "lifted"), ShelfHost.Event("ev-none", "gw-7", 0, "lifted")));
        Assert.Equal(2, body.GetProperty("accepted").GetInt32());
        Assert.Equal(2, Assert.Single(body.GetProperty("rejected").EnumerateArray()).GetProperty("index").GetInt32());
        Assert.Equal(1, (await SlotAsync("ev-7")).GetProperty("lifts").GetInt32());
        Assert.Equal(1, (await SlotAsync("ev-8")).GetProperty("lifts").GetInt32());
    }

    [Fact]
    public async Task Malformed_bodies_wrong_media_types_and_oversized_bodies_are_4xx_and_the_host_stays_up()
    {
        async Task<HttpResponseMessage> Raw(string content, string type = "application/json")
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sensor-events") { Content = new StringContent(content, Encoding.UTF8) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(type);
            request.Headers.Add("X-Device-Key", "some-device-key");
            // Large uploads ask first (Expect: 100-continue), as real clients should: the host's 413 then arrives
            // before the body is sent, instead of racing a connection reset.
            request.Headers.ExpectContinue = content.Length > 64 * 1024;
            return await Showroom.Client.SendAsync(request);
        }

        await TestShowroom.AssertProblemAsync(await Raw("{\"events\":[{\"seq\":1,"), 400);
        await TestShowroom.AssertProblemAsync(await Raw("{\"events\":{}}"), 400, "$.events");
        await TestShowroom.AssertProblemAsync(await Raw("{}"), 400, "events");
        await TestShowroom.AssertProblemAsync(await Raw("{\"events\":[]}"), 400, "events");
        await TestShowroom.AssertProblemAsync(await Raw("events=1", "text/plain"), 415, "Content-Type");
        var huge = "{\"events\":[" + string.Join(",", Enumerable.Repeat("{\"deviceId\":\"lc-a01\",\"slotId\":\"A-01\",\"seq\":1,\"at\":\"2020-09-08T10:00:00Z\",\"type\":\"heartbeat\"}", 12_000)) + "]}";
        await TestShowroom.AssertProblemAsync(await Raw(huge), 413);
        Assert.Equal(HttpStatusCode.OK, (await Showroom.GetAsync("/health/live", key: null)).StatusCode);
    }
}
