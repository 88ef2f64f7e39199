using System.Net;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.Hardening;

/// <summary>Issue 18 items 2 and 3: per-address rate limits, per-order caps and a shorter hold for anonymous QR orders.</summary>
public sealed class AbuseLimitTests
{
    private const string Limits = """
        showroom.http.anonymous-orders { permit-limit = 3, window = 1m }
        showroom.http.failed-keys { permit-limit = 5, window = 1m }
        showroom.orders.limits.anonymous { max-units = 10, max-value-fen = 10000 }
        showroom.orders.anonymous-qr-reservation-timeout = 5m
        """;

    [Fact]
    public async Task Unknown_keys_from_one_address_are_401_then_429_with_retry_after_and_a_good_key_still_works()
    {
        await using var showroom = await TestShowroom.StartAsync(extraHocon: Limits);
        for (var i = 0; i < 5; i++)
            await TestShowroom.AssertProblemAsync(await showroom.GetAsync("/api/v1/buyers/x", key: $"wrong-key-{i}"), 401, "Authorization");
        var limited = await showroom.GetAsync("/api/v1/buyers/x", key: "wrong-key-6");
        await TestShowroom.AssertProblemAsync(limited, 429, "Authorization");
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");
        await TestShowroom.AssertProblemAsync(await showroom.GetAsync("/api/v1/buyers/x"), 404, "buyerId");
    }

    [Fact]
    public async Task Anonymous_orders_from_one_address_are_limited_and_an_operators_orders_are_not()
    {
        await using var showroom = await TestShowroom.StartAsync(extraHocon: Limits);
        await showroom.AddProductAsync("fuzhu", stock: 100, priceFen: 100);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Created, (await showroom.PlaceAsync($"anon-{i}", Support.Orders.Body(("fuzhu", 1)))).StatusCode);
        var limited = await showroom.PlaceAsync("anon-3", Support.Orders.Body(("fuzhu", 1)));
        await TestShowroom.AssertProblemAsync(limited, 429);
        Assert.NotNull(limited.Headers.RetryAfter);

        var request = showroom.Request(HttpMethod.Post, "/api/v1/orders", Support.Orders.Body(("fuzhu", 1)), key: TestShowroom.OperatorKey);
        request.Headers.Add("Idempotency-Key", "operator-1");
        Assert.Equal(HttpStatusCode.Created, (await showroom.Client.SendAsync(request)).StatusCode);
        Assert.Equal((100, 4), (await showroom.StockAsync("fuzhu")) is var stock ? (stock.OnHand, stock.Reserved) : default);
    }

    [Fact]
    public async Task An_anonymous_order_over_its_units_or_value_cap_is_422_and_holds_nothing()
    {
        await using var showroom = await TestShowroom.StartAsync(extraHocon: Limits);
        await showroom.AddProductAsync("fuzhu", stock: 100, priceFen: 3680);
        await TestShowroom.AssertProblemAsync(await showroom.PlaceAsync("many", Support.Orders.Body(("fuzhu", 11))), 422, "lines");
        // 3 x 36.80 = 110.40 yuan, over the 100 yuan cap: rejected once priced, its reservation released.
        var costly = await TestShowroom.AssertProblemAsync(await showroom.PlaceAsync("costly", Support.Orders.Body(("fuzhu", 3))), 422, "lines");
        Assert.False(string.IsNullOrEmpty(costly.GetProperty("orderId").GetString()));
        await TestShowroom.EventuallyAsync(async () => (await showroom.StockAsync("fuzhu")).Reserved == 0, because: "the rejected order's stock released");
        Assert.Equal(HttpStatusCode.Created, (await showroom.PlaceAsync("small", Support.Orders.Body(("fuzhu", 2)))).StatusCode);
    }

    [Fact]
    public async Task An_anonymous_qr_order_holds_its_stock_for_the_shorter_time()
    {
        await using var showroom = await TestShowroom.StartAsync(extraHocon: Limits);
        await showroom.AddProductAsync("fuzhu", stock: 10, priceFen: 100);
        await showroom.AddBuyerAndSlotAsync("hospital", "A-01", "fuzhu");
        var anonymous = await TestShowroom.JsonAsync(await showroom.PlaceAsync("qr-anon",
            new { channel = "qr", slotId = "A-01", lines = new[] { new { productId = "fuzhu", quantity = 1 } } }));
        var account = await TestShowroom.JsonAsync(await showroom.PlaceAsync("qr-account",
            new { channel = "qr", slotId = "A-01", buyerId = "hospital", lines = new[] { new { productId = "fuzhu", quantity = 1 } } }));
        var anonymousHold = anonymous.GetProperty("expiresAt").GetDateTimeOffset() - DateTimeOffset.UtcNow;
        var accountHold = account.GetProperty("expiresAt").GetDateTimeOffset() - DateTimeOffset.UtcNow;
        Assert.InRange(anonymousHold, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
        Assert.InRange(accountHold, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(30));
    }
}
