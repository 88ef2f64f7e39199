using System.Net;
using ShowroomActors.Host.Tests.Shelves;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.Orders;

/// <summary>Lift to buy (issues 4 and 19): a placed order from a slot's QR page is a conversion of that slot's lifts.</summary>
public sealed class LiftToBuyTests
{
    [Fact]
    public async Task Only_placed_qr_orders_from_the_slot_count_and_the_rate_never_exceeds_the_lifts()
    {
        await using var showroom = await ShelfHost.StartAsync();
        var productId = await ShelfHost.BindAsync(showroom, "C-01", "rfid-c01", "key-of-rfid-c01", "lingyun-tea");
        var stocked = await showroom.PostAsync($"/api/v1/products/{productId}/stock", new { quantity = 50, batch = "B-1" });
        Assert.True(stocked.StatusCode == HttpStatusCode.OK, await stocked.Content.ReadAsStringAsync());

        // Four pickups (and put-backs) reported by the RFID pad.
        var events = Enumerable.Range(0, 8).Select(i => ShelfHost.Event("C-01", "rfid-c01", i + 1, i % 2 == 0 ? "lifted" : "returned")).ToArray();
        var ingested = await ShelfHost.PostEventsAsync(showroom, "key-of-rfid-c01", events);
        Assert.True(ingested.StatusCode == HttpStatusCode.OK, await ingested.Content.ReadAsStringAsync());

        // One order from the slot's QR page; one from the web (an order of the product, no conversion of the slot);
        // one from the QR page that is refused for short stock (never counts).
        Assert.Equal(HttpStatusCode.Created, (await showroom.PlaceAsync("qr-1", QrOrder(productId, 1))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await showroom.PlaceAsync("web-1", Support.Orders.Body((productId, 2)))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await showroom.PlaceAsync("qr-short", QrOrder(productId, 60))).StatusCode);

        await TestShowroom.EventuallyAsync(async () =>
        {
            var product = await TestShowroom.JsonAsync(await showroom.GetAsync($"/api/v1/products/{productId}", key: null));
            return product.GetProperty("lifts").GetInt32() == 4 && product.GetProperty("orders").GetInt32() == 2;
        }, because: "the product adds up its slots' lifts and counts both placed orders");
        await Task.Delay(500); // the refused placement's events arrive in the index too: they must change nothing
        var slotView = await TestShowroom.JsonAsync(await showroom.GetAsync("/api/v1/slots/C-01", key: null));
        Assert.Equal((4, 1, 0.25m), (slotView.GetProperty("lifts").GetInt32(), slotView.GetProperty("orders").GetInt32(), slotView.GetProperty("conversionRate").GetDecimal()));
        var productView = await TestShowroom.JsonAsync(await showroom.GetAsync($"/api/v1/products/{productId}", key: null));
        Assert.Equal((2, 1, 0.25m), (productView.GetProperty("orders").GetInt32(), productView.GetProperty("qrOrders").GetInt32(), productView.GetProperty("conversionRate").GetDecimal()));

        // More QR orders than lifts (shoppers scanning without lifting): the rate stays at 1.
        for (var i = 2; i <= 6; i++)
            Assert.Equal(HttpStatusCode.Created, (await showroom.PlaceAsync($"qr-{i}", QrOrder(productId, 1))).StatusCode);
        await TestShowroom.EventuallyAsync(async () =>
            (await TestShowroom.JsonAsync(await showroom.GetAsync("/api/v1/slots/C-01", key: null))).GetProperty("orders").GetInt32() == 6,
            because: "the slot counts its six placed QR orders");
        Assert.Equal(1m, (await TestShowroom.JsonAsync(await showroom.GetAsync("/api/v1/slots/C-01", key: null))).GetProperty("conversionRate").GetDecimal());
        Assert.Equal(1m, (await TestShowroom.JsonAsync(await showroom.GetAsync($"/api/v1/products/{productId}", key: null))).GetProperty("conversionRate").GetDecimal());
    }

    private static object QrOrder(string productId, int quantity) =>
        new { channel = "qr", slotId = "C-01", lines = new[] { new { productId, quantity } } };
}
