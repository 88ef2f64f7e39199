using System.Net;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.Catalog;

public sealed class ProductApiTests : IAsyncLifetime
{
    private TestShowroom _showroom = null!;

    public async Task InitializeAsync() => _showroom = await TestShowroom.StartAsync();

    public async Task DisposeAsync() => await _showroom.DisposeAsync();

    [Fact]
    public async Task Register_receive_stock_read_and_the_state_survives_a_restart()
    {
        var created = await _showroom.PostAsync("/api/v1/products", SampleProducts.Fuzhu());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/products/dongyuan-fuzhu-500g", created.Headers.Location?.OriginalString);
        var body = await TestShowroom.JsonAsync(created);
        Assert.Equal("东源客家腐竹 500g", body.GetProperty("name").GetString());
        Assert.Equal(3680, body.GetProperty("priceFen").GetInt64());
        Assert.Equal(0, body.GetProperty("onHand").GetInt32());

        var stocked = await _showroom.PostAsync("/api/v1/products/dongyuan-fuzhu-500g/stock", new { quantity = 120, batch = "DY-2026-11-001" });
        Assert.Equal(HttpStatusCode.OK, stocked.StatusCode);
        var stock = await TestShowroom.JsonAsync(stocked);
        Assert.Equal(120, stock.GetProperty("onHand").GetInt32());
        Assert.Equal(0, stock.GetProperty("reserved").GetInt32());
        Assert.Equal(120, stock.GetProperty("available").GetInt32());

        await _showroom.RestartAsync();

        var read = await TestShowroom.JsonAsync(await _showroom.GetAsync("/api/v1/products/dongyuan-fuzhu-500g", key: null));
        Assert.Equal(120, read.GetProperty("available").GetInt32());
        Assert.Equal("东源县", read.GetProperty("originCounty").GetString());
        Assert.Equal("FP44162520200003", read.GetProperty("certificateNo").GetString());
    }

    [Fact]
    public async Task The_catalog_lists_every_registered_product()
    {
        await _showroom.PostAsync("/api/v1/products", SampleProducts.Fuzhu("fuzhu-a"));
        await _showroom.PostAsync("/api/v1/products", SampleProducts.Fuzhu("fuzhu-b"));
        await TestShowroom.EventuallyAsync(async () =>
        {
            var list = await TestShowroom.JsonAsync(await _showroom.GetAsync("/api/v1/products", key: null));
            return list.EnumerateArray().Select(p => p.GetProperty("productId").GetString()).Order().SequenceEqual(["fuzhu-a", "fuzhu-b"]);
        }, because: "both products listed");
    }

    [Fact]
    public async Task The_catalog_list_follows_stock_receipts_and_reservations_from_the_journal_without_asking_each_product()
    {
        await _showroom.AddProductAsync("fuzhu-list", stock: 30);
        Assert.Equal(HttpStatusCode.Created, (await _showroom.PlaceAsync("list-1", Support.Orders.Body(("fuzhu-list", 4)))).StatusCode);
        await TestShowroom.EventuallyAsync(async () =>
        {
            var list = await TestShowroom.JsonAsync(await _showroom.GetAsync("/api/v1/products", key: null));
            var product = list.EnumerateArray().SingleOrDefault(p => p.GetProperty("productId").GetString() == "fuzhu-list");
            return product.ValueKind == System.Text.Json.JsonValueKind.Object
                && (product.GetProperty("onHand").GetInt32(), product.GetProperty("reserved").GetInt32(), product.GetProperty("available").GetInt32(),
                    product.GetProperty("orders").GetInt32()) == (30, 4, 26, 1);
        }, because: "the list shows the receipt, the reservation and the order");
    }

    [Fact]
    public async Task Registering_the_same_product_twice_is_harmless_and_other_content_is_a_conflict()
    {
        Assert.Equal(HttpStatusCode.Created, (await _showroom.PostAsync("/api/v1/products", SampleProducts.Fuzhu())).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _showroom.PostAsync("/api/v1/products", SampleProducts.Fuzhu())).StatusCode);
        var changed = SampleProducts.Fuzhu();
        changed["priceFen"] = 9999;
        await TestShowroom.AssertProblemAsync(await _showroom.PostAsync("/api/v1/products", changed), 409, "productId");
        var read = await TestShowroom.JsonAsync(await _showroom.GetAsync("/api/v1/products/dongyuan-fuzhu-500g"));
        Assert.Equal(3680, read.GetProperty("priceFen").GetInt64());
    }

    [Fact]
    public async Task Receiving_the_same_batch_again_counts_it_once()
    {
        await _showroom.PostAsync("/api/v1/products", SampleProducts.Fuzhu());
        await _showroom.PostAsync("/api/v1/products/dongyuan-fuzhu-500g/stock", new { quantity = 10, batch = "B-1" });
        var retry = await _showroom.PostAsync("/api/v1/products/dongyuan-fuzhu-500g/stock", new { quantity = 10, batch = "B-1" });
        Assert.Equal(10, (await TestShowroom.JsonAsync(retry)).GetProperty("onHand").GetInt32());
        await TestShowroom.AssertProblemAsync(
            await _showroom.PostAsync("/api/v1/products/dongyuan-fuzhu-500g/stock", new { quantity = 11, batch = "B-1" }), 409, "batch");
    }

    public static TheoryData<string, object?, string> MissingOrWrongFields() => new()
    {
        { "productId", null, "productId" },
        { "name", null, "name" },
        { "priceFen", null, "priceFen" },
        { "priceFen", "12.5元", "$.priceFen" },
        { "priceFen", -100, "priceFen" },
        { "unitWeightGrams", 0, "unitWeightGrams" },
        { "certifiedPovertyAlleviation", "yes", "$.certifiedPovertyAlleviation" },
        { "certificateNo", null, "certificateNo" },
        { "productId", "bad id with spaces", "productId" },
    };

    [Theory]
    [MemberData(nameof(MissingOrWrongFields))]
    public async Task Bad_fields_are_400_problems_naming_the_field_and_record_nothing(string property, object? value, string field)
    {
        var body = SampleProducts.Fuzhu();
        body[property] = value;
        await TestShowroom.AssertProblemAsync(await _showroom.PostAsync("/api/v1/products", body), 400, field);
        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync("/api/v1/products/dongyuan-fuzhu-500g"), 404);
    }

    [Theory]
    [InlineData(0, "quantity")]
    [InlineData(-3, "quantity")]
    public async Task Zero_or_negative_stock_is_rejected(int quantity, string field)
    {
        await _showroom.PostAsync("/api/v1/products", SampleProducts.Fuzhu());
        await TestShowroom.AssertProblemAsync(
            await _showroom.PostAsync("/api/v1/products/dongyuan-fuzhu-500g/stock", new { quantity, batch = "B-1" }), 400, field);
        var read = await TestShowroom.JsonAsync(await _showroom.GetAsync("/api/v1/products/dongyuan-fuzhu-500g"));
        Assert.Equal(0, read.GetProperty("onHand").GetInt32());
    }

    [Fact]
    public async Task Stock_without_a_batch_names_the_batch()
    {
        await _showroom.PostAsync("/api/v1/products", SampleProducts.Fuzhu());
        await TestShowroom.AssertProblemAsync(
            await _showroom.PostAsync("/api/v1/products/dongyuan-fuzhu-500g/stock", new { quantity = 5 }), 400, "batch");
    }

    [Fact]
    public async Task Unknown_products_are_404()
    {
        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync("/api/v1/products/no-such-product"), 404, "productId");
        await TestShowroom.AssertProblemAsync(
            await _showroom.PostAsync("/api/v1/products/no-such-product/stock", new { quantity = 5, batch = "B-1" }), 404, "productId");
    }

    [Fact]
    public async Task Malformed_json_wrong_content_type_and_oversized_bodies_are_rejected_and_the_host_stays_up()
    {
        await TestShowroom.AssertProblemAsync(await _showroom.PostRawAsync("/api/v1/products", "{\"productId\": \"x\","), 400, "$");
        await TestShowroom.AssertProblemAsync(await _showroom.PostRawAsync("/api/v1/products", "null"), 400, "$");
        await TestShowroom.AssertProblemAsync(await _showroom.PostRawAsync("/api/v1/products", "productId=x", "application/x-www-form-urlencoded"), 415, "Content-Type");
        var huge = "{\"productId\":\"x\",\"intro\":\"" + new string('a', 1_100_000) + "\"}";
        await TestShowroom.AssertProblemAsync(await _showroom.PostRawAsync("/api/v1/products", huge), 413);

        Assert.Equal(HttpStatusCode.Created, (await _showroom.PostAsync("/api/v1/products", SampleProducts.Fuzhu())).StatusCode);
    }

    [Fact]
    public async Task Operator_calls_need_the_operator_key()
    {
        await TestShowroom.AssertProblemAsync(await _showroom.PostAsync("/api/v1/products", SampleProducts.Fuzhu(), key: null), 401, "Authorization");
        await TestShowroom.AssertProblemAsync(await _showroom.PostAsync("/api/v1/products", SampleProducts.Fuzhu(), key: "wrong-key"), 401, "Authorization");
        await TestShowroom.AssertProblemAsync(await _showroom.PostAsync("/api/v1/products", SampleProducts.Fuzhu(), key: TestShowroom.AuditorKey), 403, "Authorization");
        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync("/api/v1/products/dongyuan-fuzhu-500g"), 404);
    }
}
