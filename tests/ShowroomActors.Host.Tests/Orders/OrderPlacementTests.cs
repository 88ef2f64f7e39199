using System.Net;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.Orders;

public sealed class OrderPlacementTests
{
    [Fact]
    public async Task Places_an_order_at_the_products_prices_and_replays_the_first_answer_for_the_same_key()
    {
        await using var showroom = await TestShowroom.StartAsync();
        await showroom.AddProductAsync("fuzhu", stock: 10, priceFen: 3680);
        await showroom.AddProductAsync("tea", stock: 5, priceFen: 12800);
        await showroom.AddBuyerAndSlotAsync("yantian-hospital", "A-01", "fuzhu");
        var body = new
        {
            buyerId = "yantian-hospital",
            channel = "qr",
            slotId = "A-01",
            lines = new[] { new { productId = "fuzhu", quantity = 2 }, new { productId = "tea", quantity = 1 } },
        };

        var first = await showroom.PlaceAsync("key-1", body);
        var firstText = await first.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var order = System.Text.Json.JsonDocument.Parse(firstText).RootElement;
        var orderId = order.GetProperty("orderId").GetString()!;
        Assert.Equal("reserved", order.GetProperty("status").GetString());
        Assert.Equal(2 * 3680 + 12800, order.GetProperty("totalFen").GetInt64());
        Assert.Equal(3680, order.GetProperty("lines")[0].GetProperty("unitPriceFen").GetInt64());
        Assert.Equal($"/api/v1/orders/{orderId}", first.Headers.Location?.OriginalString);
        Assert.Equal((10, 2, 8), await showroom.StockAsync("fuzhu"));
        Assert.Equal((5, 1, 4), await showroom.StockAsync("tea"));

        var replay = await showroom.PlaceAsync("key-1", body);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(firstText, await replay.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.Equal((10, 2, 8), await showroom.StockAsync("fuzhu"));

        var stored = await showroom.OrderAsync(orderId);
        Assert.Equal("reserved", stored.GetProperty("status").GetString());
        Assert.Equal("qr", stored.GetProperty("channel").GetString());
        Assert.Equal("A-01", stored.GetProperty("slotId").GetString());
        Assert.Equal("yantian-hospital", stored.GetProperty("buyerId").GetString());
        Assert.Equal(["placed", "reserved"], stored.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("event").GetString()!));
    }
}

public sealed class OrderPlacementRulesTests
{
    [Fact]
    public async Task Short_stock_is_409_naming_the_line_and_leaves_no_reservation_behind_and_replays_the_same_409()
    {
        await using var showroom = await TestShowroom.StartAsync();
        await showroom.AddProductAsync("fuzhu", stock: 10);
        await showroom.AddProductAsync("tea", stock: 5);
        var body = Support.Orders.Body(("fuzhu", 2), ("tea", 6));

        var first = await showroom.PlaceAsync("short-1", body);
        var problem = await TestShowroom.AssertProblemAsync(first, 409, "lines[1].quantity");
        Assert.Contains("5", problem.GetProperty("detail").GetString());
        Assert.Equal((10, 0, 10), await showroom.StockAsync("fuzhu"));
        Assert.Equal((5, 0, 5), await showroom.StockAsync("tea"));

        var replay = await showroom.PlaceAsync("short-1", body);
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Equal(problem.GetRawText(), (await TestShowroom.JsonAsync(replay)).GetRawText());

        // The rejected order exists, says why, and holds nothing.
        var order = await showroom.OrderAsync(problem.GetProperty("orderId").GetString()!);
        Assert.Equal("rejected", order.GetProperty("status").GetString());
        Assert.Equal("released", order.GetProperty("stock").GetString());
        Assert.Equal("lines[1].quantity", order.GetProperty("rejection").GetProperty("field").GetString());
    }

    [Fact]
    public async Task Unknown_product_is_404_naming_the_line()
    {
        await using var showroom = await TestShowroom.StartAsync();
        await showroom.AddProductAsync("fuzhu", stock: 10);
        var response = await showroom.PlaceAsync("unknown-1", Support.Orders.Body(("fuzhu", 1), ("no-such-product", 1)));
        await TestShowroom.AssertProblemAsync(response, 404, "lines[1].productId");
        Assert.Equal((10, 0, 10), await showroom.StockAsync("fuzhu"));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422_and_changes_nothing()
    {
        await using var showroom = await TestShowroom.StartAsync();
        await showroom.AddProductAsync("fuzhu", stock: 10);
        Assert.Equal(HttpStatusCode.Created, (await showroom.PlaceAsync("reused", Support.Orders.Body(("fuzhu", 1)))).StatusCode);

        var other = await showroom.PlaceAsync("reused", Support.Orders.Body(("fuzhu", 2)));
        await TestShowroom.AssertProblemAsync(other, 422, "Idempotency-Key");
        Assert.Equal((10, 1, 9), await showroom.StockAsync("fuzhu"));
    }

    [Fact]
    public async Task Bad_requests_are_4xx_problems_naming_the_field_and_reserve_nothing()
    {
        await using var showroom = await TestShowroom.StartAsync();
        await showroom.AddProductAsync("fuzhu", stock: 10);
        await showroom.AddProductAsync("tea", stock: 10);

        await TestShowroom.AssertProblemAsync(await showroom.PlaceAsync(null, Support.Orders.Body(("fuzhu", 1))), 400, "Idempotency-Key");
        await TestShowroom.AssertProblemAsync(await showroom.PlaceAsync(new string('k', 256), Support.Orders.Body(("fuzhu", 1))), 400, "Idempotency-Key");
        await TestShowroom.AssertProblemAsync(await showroom.PlaceAsync("b1", Support.Orders.Body(("fuzhu", 0))), 400, "lines[0].quantity");
        await TestShowroom.AssertProblemAsync(await showroom.PlaceAsync("b2", Support.Orders.Body(("tea", 1), ("fuzhu", -3))), 400, "lines[1].quantity");
        await TestShowroom.AssertProblemAsync(await showroom.PlaceAsync("b3", Support.Orders.Body(("fuzhu", 1000))), 400, "lines[0].quantity");
        await TestShowroom.AssertProblemAsync(await showroom.PlaceAsync("b4", new { channel = "web", lines = new[] { new { productId = "fuzhu", quantity = 30_000_000_000L } } }), 400, "lines[0].quantity");
        await TestShowroom.AssertProblemAsync(await showroom.PlaceAsync("b5", Support.Orders.Body()), 400, "lines");
        await TestShowroom.AssertProblemAsync(await showroom.PlaceAsync("b6", new { channel = "web" }), 400, "lines");
        await TestShowroom.AssertProblemAsync(await showroom.PlaceAsync("b7", Support.Orders.Body(("fuzhu", 1), ("tea", 1), ("fuzhu", 2))), 400, "lines[2].productId");
        await TestShowroom.AssertProblemAsync(await showroom.PlaceAsync("b8", new { channel = "fax", lines = new[] { new { productId = "fuzhu", quantity = 1 } } }), 400, "channel");
        await TestShowroom.AssertProblemAsync(await showroom.PlaceAsync("b9", new { channel = "qr", lines = new[] { new { productId = "fuzhu", quantity = 1 } } }), 400, "slotId");
        await TestShowroom.AssertProblemAsync(await showroom.PlaceAsync("b10", new { channel = "web", buyerId = "not a buyer!", lines = new[] { new { productId = "fuzhu", quantity = 1 } } }), 400, "buyerId");
        await TestShowroom.AssertProblemAsync(await showroom.PlaceAsync("b11", new { channel = "web", lines = new[] { new { productId = "../etc", quantity = 1 } } }), 400, "lines[0].productId");

        await TestShowroom.AssertProblemAsync(await RawAsync(showroom, "b12", "{\"channel\":\"web\",\"lines\":[", "application/json"), 400);
        await TestShowroom.AssertProblemAsync(await RawAsync(showroom, "b13", "{\"channel\":\"web\",\"lines\":[{\"productId\":\"fuzhu\",\"quantity\":\"two\"}]}", "application/json"), 400, "$.lines[0].quantity");
        await TestShowroom.AssertProblemAsync(await RawAsync(showroom, "b14", "channel=web", "application/x-www-form-urlencoded"), 415, "Content-Type");

        Assert.Equal((10, 0, 10), await showroom.StockAsync("fuzhu"));
        Assert.Equal((10, 0, 10), await showroom.StockAsync("tea"));
        // A request refused before it ran is not recorded against its key: the key still works.
        Assert.Equal(HttpStatusCode.Created, (await showroom.PlaceAsync("b1", Support.Orders.Body(("fuzhu", 1)))).StatusCode);
    }

    private static Task<HttpResponseMessage> RawAsync(TestShowroom showroom, string key, string content, string contentType)
    {
        var request = showroom.Request(HttpMethod.Post, "/api/v1/orders", null, key: null);
        request.Headers.Add("Idempotency-Key", key);
        request.Content = new StringContent(content, System.Text.Encoding.UTF8);
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return showroom.Client.SendAsync(request);
    }

    [Fact]
    public async Task Keys_and_their_answers_survive_a_restart()
    {
        await using var showroom = await TestShowroom.StartAsync();
        await showroom.AddProductAsync("fuzhu", stock: 10);
        var first = await showroom.PlaceAsync("durable", Support.Orders.Body(("fuzhu", 3)));
        var firstText = await first.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        await showroom.RestartAsync();

        var replay = await showroom.PlaceAsync("durable", Support.Orders.Body(("fuzhu", 3)));
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(firstText, await replay.Content.ReadAsStringAsync());
        await TestShowroom.AssertProblemAsync(await showroom.PlaceAsync("durable", Support.Orders.Body(("fuzhu", 4))), 422, "Idempotency-Key");
        Assert.Equal((10, 3, 7), await showroom.StockAsync("fuzhu"));
    }

    [Fact]
    public async Task Twenty_five_buyers_racing_for_the_last_ten_units_never_oversell()
    {
        await using var showroom = await TestShowroom.StartAsync();
        await showroom.AddProductAsync("last-units", stock: 10);

        var responses = await Task.WhenAll(Enumerable.Range(0, 25).Select(i =>
            showroom.PlaceAsync($"racer-{i}", Support.Orders.Body(("last-units", 1)))));

        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(15, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal((10, 10, 0), await showroom.StockAsync("last-units"));
    }

    [Fact]
    public async Task A_double_tap_sends_the_same_key_twice_at_once_and_makes_one_order()
    {
        await using var showroom = await TestShowroom.StartAsync();
        await showroom.AddProductAsync("fuzhu", stock: 10);
        var body = Support.Orders.Body(("fuzhu", 2));

        var both = await Task.WhenAll(showroom.PlaceAsync("tap", body), showroom.PlaceAsync("tap", body), showroom.PlaceAsync("tap", body));

        Assert.All(both, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var bodies = await Task.WhenAll(both.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(bodies.Distinct());
        Assert.Equal((10, 2, 8), await showroom.StockAsync("fuzhu"));
    }
}
