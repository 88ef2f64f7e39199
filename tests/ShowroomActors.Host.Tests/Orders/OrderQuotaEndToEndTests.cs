using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.Orders;

/// <summary>
/// Orders of buyer accounts over real HTTP: paying credits the account's quota (certified lines only), a trade union's
/// order credits its parent unit as union money, a refund takes the credit out again, and the quota report follows
/// within seconds. Unknown buyers and slots are refused at placement with the stock untouched.
/// </summary>
public sealed class OrderQuotaEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private TestShowroom _showroom = null!;

    public async Task InitializeAsync()
    {
        _showroom = await TestShowroom.StartAsync(clock: new FakeTimeProvider(new DateTimeOffset(2026, 7, 1, 10, 0, 0, Beijing)),
            extraHocon: "showroom.ask-timeout = 20s");
        // Certified rice (78.00) and uncertified local greens (6.80).
        await _showroom.AddProductAsync("rice", stock: 50, priceFen: 7800);
        var greens = SampleProducts.Fuzhu("greens");
        greens["name"] = "本地菜心 500g";
        greens["certifiedPovertyAlleviation"] = false;
        greens["certificateNo"] = null;
        greens["priceFen"] = 680;
        Assert.Equal(HttpStatusCode.Created, (await _showroom.PostAsync("/api/v1/products", greens)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _showroom.PostAsync("/api/v1/products/greens/stock", new { quantity = 50, batch = "B-1" })).StatusCode);

        await _showroom.AddBuyerAndSlotAsync("hospital", "A-01", "rice");
        Assert.Equal(HttpStatusCode.Created, (await _showroom.PostAsync("/api/v1/buyers",
            new { buyerId = "hospital-union", kind = "trade-union", name = "医院工会", parentUnitId = "hospital" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _showroom.PutAsync("/api/v1/buyers/hospital/plans/2026",
            new { canteenFoodBudgetFen = 1_000_000, hasCanteen = true })).StatusCode);
    }

    public async Task DisposeAsync() => await _showroom.DisposeAsync();

    private static object Order(string? buyerId, string? slotId, params (string ProductId, int Quantity)[] lines) => new
    {
        buyerId,
        channel = slotId is null ? "web" : "qr",
        slotId,
        lines = lines.Select(l => new { productId = l.ProductId, quantity = l.Quantity }).ToArray(),
    };

    private async Task<JsonElement> QuotaAsync() => await TestShowroom.JsonAsync(await _showroom.GetAsync("/api/v1/buyers/hospital/quota/2026"));

    /// <summary>Waits until the hospital's quota shows <paramref name="expected"/> (certified, total, showroom, union).</summary>
    private async Task<JsonElement> QuotaBecomesAsync((long Certified, long Total, long Showroom, long Union) expected)
    {
        JsonElement quota = default;
        await TestShowroom.EventuallyAsync(async () =>
        {
            quota = await QuotaAsync();
            var sources = quota.GetProperty("sources");
            return (quota.GetProperty("certifiedFen").GetInt64(), quota.GetProperty("totalFen").GetInt64(),
                sources.GetProperty("showroomFen").GetInt64(), sources.GetProperty("unionFen").GetInt64()) == expected;
        }, TimeSpan.FromSeconds(15), $"the hospital's quota to show {expected}");
        return quota;
    }

    /// <summary>Waits until the quota report's line of the hospital shows <paramref name="certified"/> fen certified.</summary>
    private async Task ReportShowsAsync(long certified) =>
        await TestShowroom.EventuallyAsync(async () =>
        {
            var report = await TestShowroom.JsonAsync(await _showroom.GetAsync("/api/v1/reports/quota/2026"));
            return report.GetProperty("units").EnumerateArray().Any(u => u.GetProperty("unitId").GetString() == "hospital"
                && u.GetProperty("quota").GetProperty("certifiedFen").GetInt64() == certified);
        }, TimeSpan.FromSeconds(5), $"the quota report to show {certified} fen for the hospital within a few seconds");

    [Fact]
    public async Task Paying_credits_certified_lines_a_union_credits_its_parent_and_a_refund_reverses()
    {
        // A budget unit's order from slot A-01: 2 x rice (certified) + 3 x greens (not): total 175.40, certified 156.00.
        var unitOrder = await _showroom.PlaceOkAsync(Order("hospital", "A-01", ("rice", 2), ("greens", 3)));
        var unitOrderId = unitOrder.GetProperty("orderId").GetString()!;
        Assert.Equal(2 * 7800 + 3 * 680, unitOrder.GetProperty("totalFen").GetInt64());
        Assert.Equal(0, (await QuotaAsync()).GetProperty("totalFen").GetInt64()); // placing (unpaid) credits nothing
        Assert.Equal(HttpStatusCode.OK, (await _showroom.StepAsync(unitOrderId, "pay", new { amountFen = 17_640 })).StatusCode);

        var quota = await QuotaBecomesAsync((15_600, 17_640, 15_600, 0));
        Assert.Equal(0.0520m, quota.GetProperty("progress").GetDecimal()); // of a 300,000 fen target (30% of 1,000,000)
        var order = await _showroom.OrderAsync(unitOrderId);
        Assert.Equal([true, false], order.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("certified").GetBoolean()));
        var credit = Assert.Single(order.GetProperty("quota").GetProperty("updates").EnumerateArray());
        Assert.Equal(("credit", "acknowledged", "credited"), (credit.GetProperty("update").GetString(), credit.GetProperty("outcome").GetString(), credit.GetProperty("status").GetString()));
        Assert.Equal("hospital", order.GetProperty("quota").GetProperty("creditedTo").GetString());
        await ReportShowsAsync(15_600);

        // The hospital's trade union buys holiday gifts with union money: credited to the hospital as union money.
        var unionOrder = await _showroom.PlaceOkAsync(Order("hospital-union", null, ("rice", 5)));
        var unionOrderId = unionOrder.GetProperty("orderId").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await _showroom.StepAsync(unionOrderId, "pay", new { amountFen = 39_000 })).StatusCode);
        await QuotaBecomesAsync((54_600, 56_640, 15_600, 39_000));
        var unionQuota = (await _showroom.OrderAsync(unionOrderId)).GetProperty("quota");
        Assert.Equal(("trade-union", "hospital", "hospital-union"),
            (unionQuota.GetProperty("buyerKind").GetString(), unionQuota.GetProperty("creditedTo").GetString(), unionQuota.GetProperty("creditedVia").GetString()));
        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync("/api/v1/buyers/hospital-union/quota/2026"), 422, "buyerId");
        await ReportShowsAsync(54_600);

        // The unit's order is refunded: its credit leaves the tally; the union's stays.
        Assert.Equal(HttpStatusCode.OK, (await _showroom.StepAsync(unitOrderId, "refund", new { reason = "缺货" })).StatusCode);
        await QuotaBecomesAsync((39_000, 39_000, 0, 39_000));
        await ReportShowsAsync(39_000);
        var refunded = await _showroom.OrderAsync(unitOrderId);
        Assert.Equal(["credit", "reversal"], refunded.GetProperty("quota").GetProperty("updates").EnumerateArray().Select(u => u.GetProperty("update").GetString()));
        Assert.Contains("quota-acknowledged", refunded.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("event").GetString()));
    }

    [Fact]
    public async Task Orders_without_an_account_credit_nothing()
    {
        var anonymous = await _showroom.PlaceOkAsync(Order(null, "A-01", ("rice", 1)));
        var orderId = anonymous.GetProperty("orderId").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await _showroom.StepAsync(orderId, "pay", new { amountFen = 7800 })).StatusCode);
        var order = await _showroom.OrderAsync(orderId);
        Assert.Equal(JsonValueKind.Null, order.GetProperty("quota").ValueKind);
        Assert.Equal(0, (await QuotaAsync()).GetProperty("totalFen").GetInt64());
    }

    [Fact]
    public async Task An_unknown_buyer_or_slot_is_422_naming_it_with_the_stock_untouched_and_the_answer_replayed()
    {
        var unknownBuyer = Order("no-such-unit", "A-01", ("rice", 2));
        var first = await _showroom.PlaceAsync("unknown-buyer", unknownBuyer);
        var problem = await TestShowroom.AssertProblemAsync(first, 422, "buyerId");
        Assert.Contains("no-such-unit", problem.GetProperty("detail").GetString());
        var replay = await _showroom.PlaceAsync("unknown-buyer", unknownBuyer);
        Assert.Equal(problem.GetRawText(), (await TestShowroom.AssertProblemAsync(replay, 422, "buyerId")).GetRawText());

        await TestShowroom.AssertProblemAsync(await _showroom.PlaceAsync("unknown-slot", Order("hospital", "Z-99", ("rice", 2))), 422, "slotId");
        await TestShowroom.AssertProblemAsync(await _showroom.PlaceAsync("unknown-web-slot", new
        {
            channel = "web", slotId = "Z-98", lines = new[] { new { productId = "rice", quantity = 1 } },
        }), 422, "slotId");

        Assert.Equal((50, 0, 50), await _showroom.StockAsync("rice"));
        var declined = await _showroom.OrderAsync(problem.GetProperty("orderId").GetString()!);
        Assert.Equal(("rejected", "released"), (declined.GetProperty("status").GetString(), declined.GetProperty("stock").GetString()));
        Assert.Equal(["placed", "declined"], declined.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("event").GetString()!));
        // Products' ledgers never heard of these orders.
        var audit = await TestShowroom.JsonAsync(await _showroom.GetAsync("/api/v1/audit/streams/product-rice/events"));
        Assert.DoesNotContain(audit.EnumerateArray(), e => e.GetProperty("type").GetString()!.Contains("reserv", StringComparison.Ordinal));
        // The key keeps its answer (decided by the server about the request); fixed, the request needs a new key.
        Assert.Equal(HttpStatusCode.Created, (await _showroom.PlaceAsync("fixed", Order("hospital", "A-01", ("rice", 2)))).StatusCode);
    }
}
