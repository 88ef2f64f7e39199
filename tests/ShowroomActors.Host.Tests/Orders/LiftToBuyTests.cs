using System.Net;
using ShowroomActors.Host.Tests.Shelves;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.Orders;

/// <summary>Issue 4 item 6: an order placed from a slot's QR page counts as a conversion for that slot.</summary>
public sealed class LiftToBuyTests
{
    [Fact]
    public async Task Lifts_and_qr_orders_show_on_the_slot_and_the_product()
    {
        await using var showroom = await ShelfHost.StartAsync();
        var productId = await ShelfHost.BindAsync(showroom, "C-01", "rfid-c01", "key-of-rfid-c01", "lingyun-tea");
        var stocked = await showroom.PostAsync($"/api/v1/products/{productId}/stock", new { quantity = 50, batch = "B-1" });
        Assert.True(stocked.StatusCode == HttpStatusCode.OK, await stocked.Content.ReadAsStringAsync());

        // Four pickups (and put-backs) reported by the RFID pad.
        var events = Enumerable.Range(0, 8).Select(i => ShelfHost.Event("C-01", "rfid-c01", i + 1, i % 2 == 0 ? "lifted" : "returned")).ToArray();
        var ingested = await ShelfHost.PostEventsAsync(showroom, "key-of-rfid-c01", events);
        Assert.True(ingested.StatusCode == HttpStatusCode.OK, await ingested.Content.ReadAsStringAsync());

        // One order from the slot's QR page, one from the web (counts for the product, not the slot).
        var qr = new { channel = "qr", slotId = "C-01", lines = new[] { new { productId, quantity = 1 } } };
        Assert.Equal(HttpStatusCode.Created, (await showroom.PlaceAsync("qr-1", qr)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await showroom.PlaceAsync("web-1", Support.Orders.Body((productId, 2)))).StatusCode);

        await TestShowroom.EventuallyAsync(async () =>
        {
            var slot = await TestShowroom.JsonAsync(await showroom.GetAsync("/api/v1/slots/C-01", key: null));
            return slot.GetProperty("lifts").GetInt32() == 4 && slot.GetProperty("orders").GetInt32() == 1;
        }, because: "the slot shows its lifts and its QR order");
        var slotView = await TestShowroom.JsonAsync(await showroom.GetAsync("/api/v1/slots/C-01", key: null));
        Assert.Equal(0.25m, slotView.GetProperty("conversionRate").GetDecimal());

        await TestShowroom.EventuallyAsync(async () =>
        {
            var product = await TestShowroom.JsonAsync(await showroom.GetAsync($"/api/v1/products/{productId}", key: null));
            return product.GetProperty("lifts").GetInt32() == 4 && product.GetProperty("orders").GetInt32() == 2;
        }, because: "the product adds up its slots' lifts and counts both orders");
        var productView = await TestShowroom.JsonAsync(await showroom.GetAsync($"/api/v1/products/{productId}", key: null));
        Assert.Equal(0.5m, productView.GetProperty("conversionRate").GetDecimal());
    }
}
