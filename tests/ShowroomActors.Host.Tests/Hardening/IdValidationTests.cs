using System.Net;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.Hardening;

/// <summary>Issue 18 item 4: an id ending in a newline is not an id, is refused before anything is persisted, and no look-alike is served.</summary>
public sealed class IdValidationTests : IAsyncLifetime
{
    private TestShowroom _showroom = null!;

    public async Task InitializeAsync() => _showroom = await TestShowroom.StartAsync();

    public async Task DisposeAsync() => await _showroom.DisposeAsync();

    [Fact]
    public async Task A_product_id_with_a_final_newline_is_400_and_nothing_is_recorded()
    {
        var lookAlike = SampleProducts.Fuzhu("dongyuan-simiao-rice-5kg\n");
        lookAlike["priceFen"] = 1;
        await TestShowroom.AssertProblemAsync(await _showroom.PostAsync("/api/v1/products", lookAlike), 400, "productId");
        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync("/api/v1/products/dongyuan-simiao-rice-5kg%0A", key: null), 404, "productId");
        var streams = await TestShowroom.JsonAsync(await _showroom.GetAsync("/api/v1/audit/streams?type=product", TestShowroom.AuditorKey));
        Assert.Empty(streams.EnumerateArray());
    }

    [Fact]
    public async Task Buyer_ids_and_external_purchase_references_with_a_final_newline_are_400_and_credit_nothing()
    {
        await TestShowroom.AssertProblemAsync(await _showroom.PostAsync("/api/v1/buyers",
            new { buyerId = "hospital\n", kind = "budget-unit", name = "医院" }), 400, "buyerId");
        Assert.Equal(HttpStatusCode.Created, (await _showroom.PostAsync("/api/v1/buyers", new { buyerId = "hospital", kind = "budget-unit", name = "医院" })).StatusCode);
        await TestShowroom.AssertProblemAsync(await _showroom.PostAsync("/api/v1/buyers/hospital/external-purchases",
            new { reference = "INV-1\n", amountFen = 5_000, certified = true, at = "2026-05-01T00:00:00Z" }), 400, "reference");
        var buyer = await TestShowroom.JsonAsync(await _showroom.GetAsync("/api/v1/buyers/hospital"));
        Assert.Empty(buyer.GetProperty("years").EnumerateArray());
    }

    [Fact]
    public async Task A_recorded_purchase_answers_201_with_an_escaped_location()
    {
        Assert.Equal(HttpStatusCode.Created, (await _showroom.PostAsync("/api/v1/buyers", new { buyerId = "school", kind = "budget-unit", name = "学校" })).StatusCode);
        var recorded = await _showroom.PostAsync("/api/v1/buyers/school/external-purchases",
            new { reference = "832.2026_05-01", amountFen = 5_000, certified = true, at = "2026-05-01T00:00:00Z" });
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Assert.Equal("/api/v1/buyers/school/external-purchases/832.2026_05-01", recorded.Headers.Location?.OriginalString);
    }
}
