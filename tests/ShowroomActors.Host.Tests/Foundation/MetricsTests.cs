using System.Globalization;
using System.Net;
using ShowroomActors.Host.Tests.Shelves;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.Foundation;

/// <summary>
/// <c>/metrics</c> serves the showroom's meter in the Prometheus text format to the auditor and operator keys only.
/// Counters are process-wide (other tests of this process add to them too), so each test compares a scrape before and
/// after its own work and asserts at least its own share moved.
/// </summary>
public sealed class MetricsTests(ShelfHost host) : IClassFixture<ShelfHost>
{
    private TestShowroom Showroom => host.Showroom;

    [Fact]
    public async Task Metrics_need_the_auditor_or_operator_key_and_are_prometheus_text()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Showroom.GetAsync("/metrics", key: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Showroom.GetAsync("/metrics", key: "not-a-key-of-this-showroom")).StatusCode);
        var response = await Showroom.GetAsync("/metrics", key: TestShowroom.AuditorKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        // ASP.NET's own request metrics are exported beside ours.
        await TestShowroom.EventuallyAsync(async () => (await ScrapeAsync()).Contains("http_server_request_duration_seconds_bucket"),
            TimeSpan.FromSeconds(30), "the request duration histogram");
    }

    [Fact]
    public async Task Sensor_readings_count_by_outcome_and_a_lift_times_the_screen_and_the_journal_write()
    {
        await host.BindAsync("met-1", "rfid-met-1", "key-of-rfid-met-1");
        var before = await ScrapeAsync();

        // Two accepted (a heartbeat, a lift that changes the screen), one duplicate, one rejected (unknown type).
        var response = await host.PostEventsAsync("key-of-rfid-met-1",
            ShelfHost.Event("met-1", "rfid-met-1", 0, "heartbeat", battery: 80),
            ShelfHost.Event("met-1", "rfid-met-1", 1, "lifted"),
            ShelfHost.Event("met-1", "rfid-met-1", 1, "lifted"),
            ShelfHost.Event("met-1", "rfid-met-1", 2, "sneezed"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // A batch with a key no device of it has: every reading of it counts as rejected.
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.PostEventsAsync("wrong-key-of-met-1",
            ShelfHost.Event("met-1", "rfid-met-1", 3, "returned"), ShelfHost.Event("met-1", "rfid-met-1", 4, "lifted"))).StatusCode);

        await TestShowroom.EventuallyAsync(async () =>
        {
            var after = await ScrapeAsync();
            return Moved(before, after, "showroom_sensor_readings_total", "outcome=\"accepted\"") >= 2
                && Moved(before, after, "showroom_sensor_readings_total", "outcome=\"duplicate\"") >= 1
                && Moved(before, after, "showroom_sensor_readings_total", "outcome=\"rejected\"") >= 3
                && Moved(before, after, "showroom_display_lift_to_screen_seconds_count", "") >= 1
                && Moved(before, after, "showroom_journal_write_duration_seconds_count", "entity=\"slot\"") >= 1;
        }, TimeSpan.FromSeconds(30), "the readings, lift-to-screen and journal write metrics to move");
    }

    [Fact]
    public async Task An_order_shows_in_orders_by_status_and_paying_it_credits_the_quota()
    {
        await Showroom.AddProductAsync("met-rice", stock: 10, priceFen: 7800);
        Assert.Equal(HttpStatusCode.Created, (await Showroom.PostAsync("/api/v1/buyers",
            new { buyerId = "met-unit", kind = "budget-unit", name = "盐田区教育局", jurisdiction = "shenzhen-yantian" })).StatusCode);
        var before = await ScrapeAsync();

        // The first write after start may meet a journal still warming up (503): place until it answers.
        string orderId = "";
        await TestShowroom.EventuallyAsync(async () =>
        {
            var placed = await Showroom.PlaceAsync(Guid.NewGuid().ToString(),
                new { buyerId = "met-unit", channel = "web", lines = new[] { new { productId = "met-rice", quantity = 2 } } });
            if (placed.StatusCode == HttpStatusCode.ServiceUnavailable) return false;
            Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
            orderId = (await TestShowroom.JsonAsync(placed)).GetProperty("orderId").GetString()!;
            return true;
        }, TimeSpan.FromSeconds(30), "an order to be placed");
        await TestShowroom.EventuallyAsync(async () => (await Showroom.OrderAsync(orderId)).GetProperty("status").GetString() == "reserved",
            TimeSpan.FromSeconds(30), "the order to be reserved");
        Assert.Equal(HttpStatusCode.OK, (await Showroom.StepAsync(orderId, "pay", new { amountFen = 2 * 7800, paymentRef = "wx-met-1" })).StatusCode);

        await TestShowroom.EventuallyAsync(async () =>
        {
            var after = await ScrapeAsync();
            return Value(after, "showroom_orders", "status=\"paid\"") >= 1
                && Moved(before, after, "showroom_quota_credited_fen_total", "source=\"order\"") >= 2 * 7800;
        }, TimeSpan.FromSeconds(30), "the paid order and its quota credit to show");
    }

    private async Task<string> ScrapeAsync()
    {
        var response = await Showroom.GetAsync("/metrics", key: TestShowroom.OperatorKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>How much the samples named <paramref name="metric"/> whose labels contain <paramref name="label"/> grew.</summary>
    private static double Moved(string before, string after, string metric, string label) =>
        Value(after, metric, label) - Value(before, metric, label);

    /// <summary>The sum of the samples named <paramref name="metric"/> whose labels contain <paramref name="label"/> (0 when none).</summary>
    private static double Value(string scrape, string metric, string label)
    {
        double sum = 0;
        foreach (var line in scrape.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(metric, StringComparison.Ordinal)) continue;
            var rest = line[metric.Length..];
            if (rest.Length == 0 || (rest[0] != '{' && rest[0] != ' ')) continue;
            var labelsEnd = rest.StartsWith('{') ? rest.IndexOf('}') : -1;
            var labels = labelsEnd > 0 ? rest[..labelsEnd] : "";
            if (!labels.Contains(label, StringComparison.Ordinal)) continue;
            var fields = rest[(labelsEnd + 1)..].Trim().Split(' ');
            sum += double.Parse(fields[0], CultureInfo.InvariantCulture);
        }
        return sum;
    }
}
