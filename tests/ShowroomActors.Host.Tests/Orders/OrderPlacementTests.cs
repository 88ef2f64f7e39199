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
