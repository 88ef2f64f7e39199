using System.Net;
using Microsoft.Extensions.Time.Testing;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.Orders;

public sealed class OrderLifecycleTests
{
    [Fact]
    public async Task Pay_ship_deliver_inspect_moves_stock_off_the_shelf_and_records_the_history()
    {
        await using var showroom = await TestShowroom.StartAsync();
        await showroom.AddProductAsync("fuzhu", stock: 10, priceFen: 3680);
        var orderId = (await showroom.PlaceOkAsync(Support.Orders.Body(("fuzhu", 2)))).GetProperty("orderId").GetString()!;

        await TestShowroom.AssertProblemAsync(await showroom.StepAsync(orderId, "ship"), 409, "status");
        await TestShowroom.AssertProblemAsync(await showroom.StepAsync(orderId, "pay", new { amountFen = 3680 }), 422, "amountFen");
        var anonymous = await showroom.PostAsync($"/api/v1/orders/{orderId}/pay", new { amountFen = 7360 }, key: null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await showroom.StepAsync(orderId, "pay", new { amountFen = 7360, paymentRef = "wx-1" })).StatusCode);
        // The payment notification arrives again: nothing changes.
        Assert.Equal(HttpStatusCode.OK, (await showroom.StepAsync(orderId, "pay", new { amountFen = 7360, paymentRef = "wx-1" })).StatusCode);
        await TestShowroom.AssertProblemAsync(await showroom.StepAsync(orderId, "pay", new { amountFen = 7360, paymentRef = "wx-2" }), 409, "paymentRef");

        var shipped = await TestShowroom.JsonAsync(await showroom.StepAsync(orderId, "ship", new { trackingNo = "SF123" }));
        Assert.Equal("shipped", shipped.GetProperty("status").GetString());
        await TestShowroom.EventuallyAsync(async () => await showroom.StockAsync("fuzhu") == (8, 0, 8), because: "the shipment to commit the stock");
        // A late duplicate payment notification after shipment is still harmless.
        Assert.Equal(HttpStatusCode.OK, (await showroom.StepAsync(orderId, "pay", new { amountFen = 7360 })).StatusCode);

        var cancel = await TestShowroom.AssertProblemAsync(await showroom.StepAsync(orderId, "cancel"), 409, "status");
        Assert.Contains("shipped", cancel.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await showroom.StepAsync(orderId, "deliver")).StatusCode);
        await TestShowroom.AssertProblemAsync(await showroom.StepAsync(orderId, "inspect", new { }), 400, "invoiceNo");
        var inspected = await TestShowroom.JsonAsync(await showroom.StepAsync(orderId, "inspect", new { invoiceNo = "44031234-0001" }));
        Assert.Equal("inspected", inspected.GetProperty("status").GetString());
        Assert.Equal("44031234-0001", inspected.GetProperty("invoiceNo").GetString());

        var order = await showroom.OrderAsync(orderId);
        Assert.Equal("committed", order.GetProperty("stock").GetString());
        Assert.Equal(7360, order.GetProperty("paidFen").GetInt64());
        var history = order.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["placed", "reserved", "paid", "shipped", "stock-committed", "delivered", "inspected"],
            history.Select(h => h.GetProperty("event").GetString()!));
        Assert.All(history, h => Assert.True(h.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5)));
    }

    [Fact]
    public async Task Cancel_before_shipment_and_refund_after_payment_give_the_stock_back()
    {
        await using var showroom = await TestShowroom.StartAsync();
        await showroom.AddProductAsync("fuzhu", stock: 10, priceFen: 1000);
        var unpaid = (await showroom.PlaceOkAsync(Support.Orders.Body(("fuzhu", 3)))).GetProperty("orderId").GetString()!;
        var paid = (await showroom.PlaceOkAsync(Support.Orders.Body(("fuzhu", 4)))).GetProperty("orderId").GetString()!;
        Assert.Equal((10, 7, 3), await showroom.StockAsync("fuzhu"));

        await TestShowroom.AssertProblemAsync(await showroom.StepAsync(unpaid, "refund"), 409, "status");
        var cancelled = await TestShowroom.JsonAsync(await showroom.StepAsync(unpaid, "cancel", new { reason = "buyer changed mind" }));
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await showroom.StepAsync(unpaid, "cancel")).StatusCode);
        await TestShowroom.AssertProblemAsync(await showroom.StepAsync(unpaid, "pay", new { amountFen = 3000 }), 409, "status");

        Assert.Equal(HttpStatusCode.OK, (await showroom.StepAsync(paid, "pay", new { amountFen = 4000 })).StatusCode);
        var refunded = await TestShowroom.JsonAsync(await showroom.StepAsync(paid, "refund", new { reason = "out of season" }));
        Assert.Equal("refunded", refunded.GetProperty("status").GetString());
        Assert.Equal(4000, refunded.GetProperty("refundedFen").GetInt64());

        await TestShowroom.EventuallyAsync(async () => await showroom.StockAsync("fuzhu") == (10, 0, 10), because: "both reservations to be released");
        await TestShowroom.AssertProblemAsync(await showroom.GetAsync("/api/v1/orders/not-an-order"), 404, "orderId");
        await TestShowroom.AssertProblemAsync(await showroom.GetAsync($"/api/v1/orders/{Guid.CreateVersion7()}"), 404, "orderId");
    }

    [Fact]
    public async Task An_unpaid_reservation_expires_on_the_clock_and_releases_its_stock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 9, 8, 10, 0, 0, TimeSpan.Zero));
        await using var showroom = await TestShowroom.StartAsync(clock: clock, extraHocon: "showroom.orders.process-tick = 50ms");
        await showroom.AddProductAsync("fuzhu", stock: 5);
        var placed = await showroom.PlaceOkAsync(Support.Orders.Body(("fuzhu", 2)));
        var orderId = placed.GetProperty("orderId").GetString()!;
        Assert.Equal(clock.GetUtcNow().AddMinutes(30), placed.GetProperty("expiresAt").GetDateTimeOffset());

        clock.Advance(TimeSpan.FromMinutes(29));
        await Task.Delay(300);
        Assert.Equal((5, 2, 3), await showroom.StockAsync("fuzhu"));

        // Nobody touches the order: its own tick notices the due expiry.
        clock.Advance(TimeSpan.FromMinutes(2));
        await TestShowroom.EventuallyAsync(async () => await showroom.StockAsync("fuzhu") == (5, 0, 5), because: "the expired reservation to be released");

        var order = await showroom.OrderAsync(orderId);
        Assert.Equal("cancelled", order.GetProperty("status").GetString());
        Assert.Equal("expired", order.GetProperty("cancelReason").GetString());
        Assert.Contains("expired", order.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("event").GetString()));
        await TestShowroom.AssertProblemAsync(await showroom.StepAsync(orderId, "pay", new { amountFen = 7360 }), 409, "status");
    }

    [Fact]
    public async Task An_order_waiting_for_payment_resumes_after_a_restart_and_still_expires()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 9, 8, 10, 0, 0, TimeSpan.Zero));
        await using var showroom = await TestShowroom.StartAsync(clock: clock, extraHocon: "showroom.orders.process-tick = 50ms");
        await showroom.AddProductAsync("fuzhu", stock: 5);
        await showroom.PlaceOkAsync(Support.Orders.Body(("fuzhu", 4)));

        await showroom.RestartAsync();
        clock.Advance(TimeSpan.FromMinutes(31));

        // Only the product is read: the order entity was restarted by its remembering shard, not by a request.
        await TestShowroom.EventuallyAsync(async () => await showroom.StockAsync("fuzhu") == (5, 0, 5), TimeSpan.FromSeconds(20),
            because: "the restarted order to expire and release its stock");
    }
}
