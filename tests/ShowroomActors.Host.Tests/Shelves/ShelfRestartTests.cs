using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.Shelves;

public sealed class ShelfRestartTests
{
    [Fact]
    public async Task A_restart_keeps_lifts_returns_and_last_seq_and_still_drops_duplicates()
    {
        await using var showroom = await ShelfHost.StartAsync();
        await ShelfHost.BindAsync(showroom, "rs-1", "rfid-rs-1", "key-of-rfid-rs-1", "fuzhu-rs");
        var first = await ShelfHost.PostEventsAsync(showroom, "key-of-rfid-rs-1",
            ShelfHost.Event("rs-1", "rfid-rs-1", 0, "lifted"), ShelfHost.Event("rs-1", "rfid-rs-1", 1, "returned"),
            ShelfHost.Event("rs-1", "rfid-rs-1", 2, "lifted", boot: 0));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        await showroom.RestartAsync();

        var slot = await TestShowroom.JsonAsync(await showroom.GetAsync("/api/v1/slots/rs-1", key: null));
        Assert.Equal((2, 1, 2L), (slot.GetProperty("lifts").GetInt32(), slot.GetProperty("returns").GetInt32(), slot.GetProperty("device").GetProperty("lastSeq").GetInt64()));
        Assert.True(slot.GetProperty("lifted").GetBoolean());

        var again = await TestShowroom.JsonAsync(await ShelfHost.PostEventsAsync(showroom, "key-of-rfid-rs-1",
            ShelfHost.Event("rs-1", "rfid-rs-1", 2, "lifted"), ShelfHost.Event("rs-1", "rfid-rs-1", 0, "returned", boot: 1)));
        Assert.Equal((1, 1), (again.GetProperty("accepted").GetInt32(), again.GetProperty("duplicates").GetInt32()));
        var rebooted = (await TestShowroom.JsonAsync(await showroom.GetAsync("/api/v1/slots/rs-1", key: null))).GetProperty("device");
        Assert.Equal((1L, 0L, 1), (rebooted.GetProperty("boot").GetInt64(), rebooted.GetProperty("lastSeq").GetInt64(), rebooted.GetProperty("reboots").GetInt32()));
    }

    [Fact]
    public async Task The_demo_binds_its_slots_once_and_a_restart_binds_nothing_new()
    {
        await using var showroom = await ShelfHost.StartAsync(demo: true);
        await showroom.Services.GetRequiredService<Demo.DemoLoader>().Completion;
        var slot = await TestShowroom.JsonAsync(await showroom.GetAsync("/api/v1/slots/A-01", key: null));
        Assert.Equal("dongyuan-simiao-rice-5kg", slot.GetProperty("productId").GetString());
        Assert.Equal("lc-a01", slot.GetProperty("device").GetProperty("deviceId").GetString());
        var accepted = await ShelfHost.PostEventsAsync(showroom, "demo-device-key-rfid-c01", ShelfHost.Event("C-01", "rfid-c01", 0, "heartbeat"));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var bound = BindEvents(showroom);

        await showroom.RestartAsync();
        await showroom.Services.GetRequiredService<Demo.DemoLoader>().Completion;
        Assert.Equal(bound, BindEvents(showroom));
        Assert.Equal(12, bound);
    }

    [Fact]
    public async Task A_restart_keeps_what_an_operator_changed_on_a_demo_slot()
    {
        await using var showroom = await ShelfHost.StartAsync(demo: true);
        await showroom.Services.GetRequiredService<Demo.DemoLoader>().Completion;
        // The operator re-keys the demo's load cell on A-01 and moves B-01 to another product without a sensor.
        var rekeyed = await showroom.PutAsync("/api/v1/slots/A-01", new { productId = "dongyuan-simiao-rice-5kg", deviceId = "lc-a01", deviceKey = "the-operators-own-key" });
        Assert.Equal(HttpStatusCode.OK, rekeyed.StatusCode);
        var moved = await showroom.PutAsync("/api/v1/slots/B-01", new { productId = "lingyun-baihao-tea-100g" });
        Assert.True(moved.StatusCode == HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        var bound = BindEvents(showroom);

        await showroom.RestartAsync();
        await showroom.Services.GetRequiredService<Demo.DemoLoader>().Completion;

        Assert.Equal(bound, BindEvents(showroom));
        Assert.Equal(HttpStatusCode.OK, (await ShelfHost.PostEventsAsync(showroom, "the-operators-own-key", ShelfHost.Event("A-01", "lc-a01", 0, "heartbeat"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ShelfHost.PostEventsAsync(showroom, "demo-device-key-lc-a01", ShelfHost.Event("A-01", "lc-a01", 1, "heartbeat"))).StatusCode);
        var b01 = await TestShowroom.JsonAsync(await showroom.GetAsync("/api/v1/slots/B-01", key: null));
        Assert.Equal("lingyun-baihao-tea-100g", b01.GetProperty("productId").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, b01.GetProperty("device").ValueKind);
    }

    [Fact]
    public async Task A_load_cell_confirming_its_weight_is_answered_as_folded_writes_no_rows_and_a_restart_keeps_every_lift()
    {
        await using var showroom = await ShelfHost.StartAsync();
        await ShelfHost.BindAsync(showroom, "lc-1", "lc-dev-1", "key-of-lc-dev-1", "fuzhu-lc");
        var start = DateTimeOffset.UtcNow;
        long seq = 0;
        async Task<System.Text.Json.JsonElement> Weigh(long grams)
        {
            var at = start.AddMilliseconds(100 * seq);
            var answer = await ShelfHost.PostEventsAsync(showroom, "key-of-lc-dev-1", ShelfHost.Event("lc-1", "lc-dev-1", seq++, "weight", grams, at: at));
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            return await TestShowroom.JsonAsync(answer);
        }
        // Ten units settle (stable-for 300 ms), then confirm; one is lifted and settles at nine; then confirm again.
        for (var i = 0; i < 5; i++) await Weigh(5400 + i % 2);
        var rows = SlotRows(showroom);
        var steady = await Weigh(5401);
        Assert.Equal((0, 1, 0), (steady.GetProperty("accepted").GetInt32(), steady.GetProperty("folded").GetInt32(), steady.GetProperty("duplicates").GetInt32()));
        for (var i = 0; i < 20; i++) await Weigh(5400 + i % 3);
        Assert.Equal(rows, SlotRows(showroom));
        var lifted = 0;
        for (var i = 0; i < 6; i++) lifted += (await Weigh(4860 + i % 2)).GetProperty("accepted").GetInt32();
        Assert.Equal(1, lifted); // the reading that settled at nine units records the lift; the rest were folded
        for (var i = 0; i < 10; i++) await Weigh(4860);
        var lastSeq = seq - 1;

        await showroom.RestartAsync(); // graceful: the slot summarises its folded readings as it stops

        var slot = await TestShowroom.JsonAsync(await showroom.GetAsync("/api/v1/slots/lc-1", key: null));
        Assert.Equal((1, 9, lastSeq), (slot.GetProperty("lifts").GetInt32(), slot.GetProperty("estimatedCount").GetInt32(), slot.GetProperty("device").GetProperty("lastSeq").GetInt64()));
        seq = lastSeq;
        Assert.Equal(1, (await Weigh(4860)).GetProperty("duplicates").GetInt32());
        Assert.True(SlotRows(showroom) < rows + 6, $"{SlotRows(showroom) - rows} rows for 37 readings after the weight first settled");
    }

    private static int SlotRows(TestShowroom showroom)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(showroom.Settings.SqliteConnection);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM journal WHERE persistence_id LIKE 'slot-%'";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int BindEvents(TestShowroom showroom)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(showroom.Settings.SqliteConnection);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM journal WHERE manifest = 'slot.bound.v1'";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
