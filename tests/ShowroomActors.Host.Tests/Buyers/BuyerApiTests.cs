using System.Net;
using Akka.Actor;
using Microsoft.Extensions.Time.Testing;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.Buyers;

/// <summary>The buyer API over real HTTP on one host: accounts, plans, external purchases, quota and bad input.</summary>
public sealed class BuyerApiTests : IAsyncLifetime
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private TestShowroom _showroom = null!;

    /// <summary>A cold journal on a busy 2-core machine can take longer than the production ask timeout of 5 s.</summary>
    public const string PatientAsks = "showroom.ask-timeout = 20s";

    public async Task InitializeAsync() =>
        _showroom = await TestShowroom.StartAsync(clock: new FakeTimeProvider(new DateTimeOffset(2026, 7, 1, 0, 0, 0, Beijing)), extraHocon: PatientAsks);

    public async Task DisposeAsync() => await _showroom.DisposeAsync();

    private static object Unit(string id, string name = "盐田区人民医院", string? jurisdiction = "shenzhen-yantian") =>
        new { buyerId = id, kind = "budget-unit", name, jurisdiction };

    private async Task<int> PlanCountAsync(string buyerId)
    {
        var response = await _showroom.GetAsync($"/api/v1/buyers/{buyerId}");
        return response.StatusCode == HttpStatusCode.NotFound ? 0 : (await TestShowroom.JsonAsync(response)).GetProperty("plans").GetArrayLength();
    }

    [Fact]
    public async Task Registering_is_idempotent_and_other_details_conflict()
    {
        var created = await _showroom.PostAsync("/api/v1/buyers", Unit("hospital"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/buyers/hospital", created.Headers.Location?.OriginalString);
        var body = await TestShowroom.JsonAsync(created);
        Assert.Equal("budget-unit", body.GetProperty("kind").GetString());
        Assert.Equal("盐田区人民医院", body.GetProperty("name").GetString());

        Assert.Equal(HttpStatusCode.Created, (await _showroom.PostAsync("/api/v1/buyers", Unit("hospital"))).StatusCode);
        await TestShowroom.AssertProblemAsync(await _showroom.PostAsync("/api/v1/buyers", Unit("hospital", name: "别的医院")), 409, "buyerId");

        var read = await TestShowroom.JsonAsync(await _showroom.GetAsync("/api/v1/buyers/hospital"));
        Assert.Equal("盐田区人民医院", read.GetProperty("name").GetString());
        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync("/api/v1/buyers/nobody"), 404, "buyerId");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _showroom.GetAsync("/api/v1/buyers/hospital", key: null)).StatusCode);
    }

    [Fact]
    public async Task A_trade_union_needs_a_registered_budget_unit_as_parent()
    {
        await _showroom.PostAsync("/api/v1/buyers", Unit("hospital"));
        await _showroom.PostAsync("/api/v1/buyers", new { buyerId = "firm", kind = "enterprise", name = "物流公司" });

        await TestShowroom.AssertProblemAsync(
            await _showroom.PostAsync("/api/v1/buyers", new { buyerId = "union", kind = "trade-union", name = "工会" }), 400, "parentUnitId");
        await TestShowroom.AssertProblemAsync(
            await _showroom.PostAsync("/api/v1/buyers", new { buyerId = "union", kind = "trade-union", name = "工会", parentUnitId = "ghost" }), 422, "parentUnitId");
        await TestShowroom.AssertProblemAsync(
            await _showroom.PostAsync("/api/v1/buyers", new { buyerId = "union", kind = "trade-union", name = "工会", parentUnitId = "firm" }), 422, "parentUnitId");
        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync("/api/v1/buyers/union"), 404);

        var created = await _showroom.PostAsync("/api/v1/buyers", new { buyerId = "union", kind = "trade-union", name = "工会", parentUnitId = "hospital" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("hospital", (await TestShowroom.JsonAsync(created)).GetProperty("parentUnitId").GetString());
    }

    [Fact]
    public async Task Bad_registrations_name_the_field()
    {
        await TestShowroom.AssertProblemAsync(await _showroom.PostAsync("/api/v1/buyers", new { buyerId = "x", kind = "budgetUnit", name = "n" }), 400, "kind");
        await TestShowroom.AssertProblemAsync(await _showroom.PostAsync("/api/v1/buyers", new { buyerId = "x", kind = "enterprise" }), 400, "name");
        await TestShowroom.AssertProblemAsync(await _showroom.PostAsync("/api/v1/buyers", new { buyerId = "x y", kind = "enterprise", name = "n" }), 400, "buyerId");
        await TestShowroom.AssertProblemAsync(
            await _showroom.PostAsync("/api/v1/buyers", new { buyerId = "x", kind = "enterprise", name = "n", parentUnitId = "hospital" }), 400, "parentUnitId");
    }

    [Fact]
    public async Task Plans_take_the_ratio_from_the_table_unless_given_and_bad_plans_record_nothing()
    {
        await _showroom.PostAsync("/api/v1/buyers", Unit("hospital"));
        var plan = await TestShowroom.JsonAsync(await _showroom.PutAsync("/api/v1/buyers/hospital/plans/2026",
            new { canteenFoodBudgetFen = 300_000_000, hasCanteen = true }));
        Assert.Equal(0.3m, plan.GetProperty("reservedRatio").GetDecimal());
        Assert.Equal("jurisdiction:shenzhen-yantian:2020", plan.GetProperty("ratioSource").GetString());
        Assert.Equal(90_000_000, plan.GetProperty("targetFen").GetInt64());

        var own = await TestShowroom.JsonAsync(await _showroom.PutAsync("/api/v1/buyers/hospital/plans/2027",
            new { canteenFoodBudgetFen = 1_000_000, reservedRatio = 0.125, hasCanteen = true }));
        Assert.Equal(125_000, own.GetProperty("targetFen").GetInt64());
        Assert.Equal("plan", own.GetProperty("ratioSource").GetString());

        await TestShowroom.AssertProblemAsync(await _showroom.PutAsync("/api/v1/buyers/hospital/plans/2028",
            new { canteenFoodBudgetFen = 1, reservedRatio = 1.5, hasCanteen = true }), 400, "reservedRatio");
        await TestShowroom.AssertProblemAsync(await _showroom.PutAsync("/api/v1/buyers/hospital/plans/2028",
            new { canteenFoodBudgetFen = 1, reservedRatio = -0.1, hasCanteen = true }), 400, "reservedRatio");
        await TestShowroom.AssertProblemAsync(await _showroom.PutAsync("/api/v1/buyers/hospital/plans/2028",
            new { canteenFoodBudgetFen = -1, hasCanteen = true }), 400, "canteenFoodBudgetFen");
        await TestShowroom.AssertProblemAsync(await _showroom.PutAsync("/api/v1/buyers/hospital/plans/2028",
            new { canteenFoodBudgetFen = 1 }), 400, "hasCanteen");
        await TestShowroom.AssertProblemAsync(await _showroom.PutAsync("/api/v1/buyers/hospital/plans/twenty",
            new { canteenFoodBudgetFen = 1, hasCanteen = true }), 400, "year");
        await TestShowroom.AssertProblemAsync(await _showroom.PutAsync("/api/v1/buyers/hospital/plans/1999",
            new { canteenFoodBudgetFen = 1, hasCanteen = true }), 400, "year");
        await TestShowroom.AssertProblemAsync(await _showroom.PutAsync("/api/v1/buyers/ghost/plans/2026",
            new { canteenFoodBudgetFen = 1, hasCanteen = true }), 404, "buyerId");

        Assert.Equal(2, await PlanCountAsync("hospital"));
        Assert.Equal(0, await PlanCountAsync("ghost"));
    }

    [Fact]
    public async Task External_purchases_are_recorded_once_per_reference_and_a_unions_go_to_its_parent()
    {
        await _showroom.PostAsync("/api/v1/buyers", Unit("hospital"));
        await _showroom.PostAsync("/api/v1/buyers", new { buyerId = "union", kind = "trade-union", name = "工会", parentUnitId = "hospital" });
        await _showroom.PutAsync("/api/v1/buyers/hospital/plans/2026", new { canteenFoodBudgetFen = 300_000_000, hasCanteen = true });
        var purchase = new { reference = "832-0001", amountFen = 20_000_000, certified = true, at = "2026-03-01T10:00:00+08:00" };

        var first = await _showroom.PostAsync("/api/v1/buyers/hospital/external-purchases", purchase);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(2026, (await TestShowroom.JsonAsync(first)).GetProperty("year").GetInt32());
        Assert.Equal(HttpStatusCode.Created, (await _showroom.PostAsync("/api/v1/buyers/hospital/external-purchases", purchase)).StatusCode);
        await TestShowroom.AssertProblemAsync(await _showroom.PostAsync("/api/v1/buyers/hospital/external-purchases",
            purchase with { amountFen = 1 }), 409, "reference");
        await TestShowroom.AssertProblemAsync(await _showroom.PostAsync("/api/v1/buyers/hospital/external-purchases",
            purchase with { reference = "n-1", amountFen = -5 }), 400, "amountFen");
        await TestShowroom.AssertProblemAsync(await _showroom.PostAsync("/api/v1/buyers/hospital/external-purchases",
            purchase with { reference = "n-2", at = "2026-09-01T10:00:00+08:00" }), 400, "at");
        await TestShowroom.AssertProblemAsync(await _showroom.PostAsync("/api/v1/buyers/ghost/external-purchases", purchase), 404, "buyerId");

        var viaUnion = await TestShowroom.JsonAsync(await _showroom.PostAsync("/api/v1/buyers/union/external-purchases",
            new { reference = "832-0001", amountFen = 3_000_000, certified = true, at = "2026-04-01T10:00:00+08:00" }));
        Assert.Equal("hospital", viaUnion.GetProperty("creditedTo").GetString());
        Assert.Equal("union", viaUnion.GetProperty("creditedVia").GetString());

        var quota = await TestShowroom.JsonAsync(await _showroom.GetAsync("/api/v1/buyers/hospital/quota/2026"));
        Assert.Equal(23_000_000, quota.GetProperty("certifiedFen").GetInt64());
        Assert.Equal(20_000_000, quota.GetProperty("sources").GetProperty("externalFen").GetInt64());
        Assert.Equal(3_000_000, quota.GetProperty("sources").GetProperty("unionFen").GetInt64());
    }

    [Fact]
    public async Task Quota_answers_the_contract_fields_and_says_when_there_is_no_target()
    {
        await _showroom.PostAsync("/api/v1/buyers", Unit("hospital"));
        await _showroom.PostAsync("/api/v1/buyers", Unit("street-office", "海山街道办事处"));
        await _showroom.PostAsync("/api/v1/buyers", new { buyerId = "union", kind = "trade-union", name = "工会", parentUnitId = "hospital" });
        await _showroom.PutAsync("/api/v1/buyers/hospital/plans/2026", new { canteenFoodBudgetFen = 300_000_000, hasCanteen = true });
        await _showroom.PutAsync("/api/v1/buyers/street-office/plans/2026", new { canteenFoodBudgetFen = 0, hasCanteen = false });
        await _showroom.PostAsync("/api/v1/buyers/hospital/external-purchases",
            new { reference = "r-1", amountFen = 45_000_000, certified = true, at = "2026-06-01T10:00:00+08:00" });

        var quota = await TestShowroom.JsonAsync(await _showroom.GetAsync("/api/v1/buyers/hospital/quota/2026"));
        foreach (var field in new[] { "year", "reservedRatio", "targetFen", "certifiedFen", "totalFen", "progress", "shortfallFen", "onTrack", "hasCanteen", "forecastFen", "sources" })
            Assert.True(quota.TryGetProperty(field, out _), $"quota has {field}");
        Assert.Equal(0.5m, quota.GetProperty("progress").GetDecimal());
        Assert.Equal(45_000_000, quota.GetProperty("shortfallFen").GetInt64());
        Assert.True(quota.GetProperty("onTrack").GetBoolean()); // 0.5 >= 181/365
        Assert.Equal(90_745_856, quota.GetProperty("forecastFen").GetInt64());
        Assert.Equal("on-track", quota.GetProperty("status").GetString());

        var office = await TestShowroom.JsonAsync(await _showroom.GetAsync("/api/v1/buyers/street-office/quota/2026"));
        Assert.False(office.GetProperty("hasCanteen").GetBoolean());
        Assert.Equal("no-canteen", office.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, office.GetProperty("targetFen").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, office.GetProperty("onTrack").ValueKind);

        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync("/api/v1/buyers/union/quota/2026"), 422, "buyerId");
        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync("/api/v1/buyers/hospital/quota/3000"), 400, "year");
    }

    [Fact]
    public async Task The_enterprise_statement_is_json_and_a_printable_chinese_page()
    {
        await _showroom.PostAsync("/api/v1/buyers", new { buyerId = "firm", kind = "enterprise", name = "盐港通达<物流>有限公司" });
        foreach (var (reference, amount, certified, at) in new[]
                 {
                     ("832-1", 12_000L, true, "2026-02-01T10:00:00+08:00"),
                     ("plain-1", 5_000L, false, "2026-02-02T10:00:00+08:00"),
                     ("832-2", 8_000L, true, "2026-05-01T10:00:00+08:00"),
                 })
            await _showroom.PostAsync("/api/v1/buyers/firm/external-purchases", new { reference, amountFen = amount, certified, at });
        var orders = _showroom.System.Buyers;
        await orders.Ask<BuyerReply.CreditAcknowledged>(new CreditOrder("firm", "o-1", new DateTimeOffset(2026, 3, 1, 9, 0, 0, Beijing),
            new Domain.Common.Fen(6_800), new Domain.Common.Fen(9_000), null), TimeSpan.FromSeconds(20));

        var json = await TestShowroom.JsonAsync(await _showroom.GetAsync("/api/v1/buyers/firm/statement?from=2026-01-01&to=2026-03-31"));
        Assert.Equal(18_800, json.GetProperty("certifiedFen").GetInt64());
        Assert.Equal(["832-1", "o-1"], json.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("reference").GetString()));
        Assert.Equal("enterprise", json.GetProperty("kind").GetString());

        var page = await _showroom.GetAsync("/api/v1/buyers/firm/statement?from=2026-01-01&to=2026-12-31&format=html");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("以购代捐", html);
        Assert.Contains("盐港通达&lt;物流&gt;有限公司", html);
        Assert.DoesNotContain("<物流>", html);
        Assert.Contains("268.00", html); // 120.00 + 68.00 + 80.00 yuan
        Assert.Contains("2026年1月1日 至 2026年12月31日", html);

        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync("/api/v1/buyers/firm/statement?from=2026-13-01"), 400, "from");
        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync("/api/v1/buyers/firm/statement?from=2026-05-01&to=2026-04-01"), 400, "to");
        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync("/api/v1/buyers/firm/statement?format=pdf"), 400, "format");
    }

    [Fact]
    public async Task A_browser_opens_the_printable_statement_through_a_short_lived_signed_link()
    {
        await _showroom.PostAsync("/api/v1/buyers", new { buyerId = "firm-2", kind = "enterprise", name = "盐田港口服务有限公司" });
        await _showroom.PostAsync("/api/v1/buyers/firm-2/external-purchases", new { reference = "832-9", amountFen = 12_000L, certified = true, at = "2026-02-01T10:00:00+08:00" });

        await TestShowroom.AssertProblemAsync(await _showroom.PostAsync("/api/v1/buyers/firm-2/statement/link?from=2026-01-01&to=2026-06-30", null, key: null), 401, "Authorization");
        var issued = await _showroom.PostAsync("/api/v1/buyers/firm-2/statement/link?from=2026-01-01&to=2026-06-30", null);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var link = await TestShowroom.JsonAsync(issued);
        var url = new Uri(link.GetProperty("url").GetString()!);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 0, 15, 0, Beijing), link.GetProperty("expiresAt").GetDateTimeOffset());

        // No Authorization header, as a browser opens it.
        var page = await _showroom.GetAsync(url.PathAndQuery, key: null);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("盐田港口服务有限公司", await page.Content.ReadAsStringAsync());
        Assert.Contains("no-store", page.Headers.CacheControl?.ToString());

        // Another period, another buyer, a changed signature or no signature: refused.
        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync(url.PathAndQuery.Replace("to=2026-06-30", "to=2026-12-31"), key: null), 403, "sig");
        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync(url.PathAndQuery.Replace("/statements/firm-2", "/statements/firm"), key: null), 403, "sig");
        var sig = url.Query[(url.Query.IndexOf("sig=", StringComparison.Ordinal) + 4)..];
        var flipped = (sig[0] == 'A' ? 'B' : 'A') + sig[1..];
        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync(url.PathAndQuery.Replace(sig, flipped), key: null), 403, "sig");
        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync("/statements/firm-2?from=2026-01-01&to=2026-06-30", key: null), 403, "sig");
        await TestShowroom.AssertProblemAsync(await _showroom.PostAsync("/api/v1/buyers/nobody/statement/link", null), 404, "buyerId");

        // Past its lifetime the same link no longer opens.
        ((FakeTimeProvider)_showroom.Clock).Advance(TimeSpan.FromMinutes(16));
        await TestShowroom.AssertProblemAsync(await _showroom.GetAsync(url.PathAndQuery, key: null), 403, "sig");
    }
}
