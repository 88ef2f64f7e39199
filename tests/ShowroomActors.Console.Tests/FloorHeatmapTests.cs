using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ShowroomActors.Console.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ShowroomActors.Console.Tests;

[Collection(BrowserCollection.Name)]
public sealed class FloorHeatmapTests(Chromium chromium)
{
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    [SkippableFact]
    public async Task Lifts_fill_the_hour_of_their_slot_survive_a_restart_and_lift_to_buy_matches_the_api()
    {
        await using var host = await ConsoleHost.StartAsync();
        var page = await chromium.NewPageAsync(host);
        await ConsolePages.SignInAsync(page, ConsoleHost.OperatorKey, "/console/floor");

        // Two lifts of C-03 (each put back), then one order from C-03's QR page.
        long seq = 100;
        foreach (var type in new[] { "lifted", "returned", "lifted", "returned" })
        {
            var posted = await host.PostSensorEventsAsync("rfid-c03", ConsoleHost.SensorEvent("C-03", "rfid-c03", seq++, type));
            Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        }
        var liftedAt = DateTimeOffset.UtcNow.ToOffset(ChinaStandardTime);
        var day = liftedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var slot = await host.Api.GetFromJsonAsync<JsonElement>("/api/v1/slots/C-03");
        var productId = slot.GetProperty("productId").GetString()!;
        var order = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
        {
            Content = JsonContent.Create(new { channel = "qr", slotId = "C-03", lines = new[] { new { productId, quantity = 1 } } }),
        };
        order.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var placed = await host.Api.SendAsync(order);
        Assert.True(placed.IsSuccessStatusCode, await placed.Content.ReadAsStringAsync());

        // The read model follows the journal: reload until the lifts and the reserved order show.
        var row = page.Locator("#heatmap-table tr[data-slot='C-03']");
        var conversion = page.Locator($"#conversion tr[data-product='{productId}']");
        const string expected = "heatmap total 2, QR orders 1";
        var seen = "";
        for (var deadline = DateTime.UtcNow.AddSeconds(30); seen != expected && DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            await page.GotoAsync($"/console/floor?day={day}");
            seen = $"heatmap total {await row.Locator("[data-field=total]").InnerTextAsync()}, QR orders {await conversion.Locator("td").Nth(1).InnerTextAsync()}";
        }
        Assert.Equal(expected, seen);
        await Expect(page.Locator("#heatmap")).ToHaveAttributeAsync("data-day", day);
        await Expect(row.Locator($"td[data-hour='{liftedAt.Hour}']")).ToHaveAttributeAsync("data-lifts", "2");
        await Expect(row.Locator($"td[data-hour='{liftedAt.Hour}']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("heat-4"));
        await Expect(row.Locator("td[data-lifts='0']")).ToHaveCountAsync(23);

        // Lift to buy on the page is the API's conversionRate for the product (one QR order of two lifts: 50%).
        var product = await host.Api.GetFromJsonAsync<JsonElement>($"/api/v1/products/{productId}");
        var rate = product.GetProperty("conversionRate").GetDecimal();
        Assert.Equal(0.5m, rate);
        await Expect(conversion.Locator("td").Nth(2)).ToHaveTextAsync("50%");
        await ConsolePages.AssertAccessibleAsync(page);
        await ConsolePages.ScreenshotAsync(page, "floor-heatmap");

        // The day before has none of them.
        await page.ClickAsync("#heatmap-previous");
        await Expect(page.Locator("#heatmap")).ToHaveAttributeAsync("data-day", liftedAt.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Expect(page.Locator("#heatmap-table tr[data-slot='C-03'] [data-field=total]")).ToHaveTextAsync("0");

        // Rebuilt from the journal: a restart loses no lift.
        await host.RestartAsync();
        var after = await chromium.NewPageAsync(host);
        await ConsolePages.SignInAsync(after, ConsoleHost.AuditorKey, $"/console/floor?day={day}");
        await ConsoleHost.EventuallyAsync(async () =>
        {
            await after.GotoAsync($"/console/floor?day={day}");
            return await after.Locator("#heatmap-table tr[data-slot='C-03'] [data-field=total]").InnerTextAsync() == "2";
        }, "the heatmap to show C-03's two lifts after the restart", TimeSpan.FromSeconds(30));
        await Expect(after.Locator($"#heatmap-table tr[data-slot='C-03'] td[data-hour='{liftedAt.Hour}']")).ToHaveAttributeAsync("data-lifts", "2");
    }

    [SkippableFact]
    public async Task The_heatmap_is_accessible_on_a_tablet_in_english()
    {
        await using var host = await ConsoleHost.StartAsync();
        var page = await chromium.NewPageAsync(host, locale: "en", width: 820, height: 1180);
        await ConsolePages.SignInAsync(page, ConsoleHost.AuditorKey, "/console/language?culture=en&returnUrl=%2Fconsole%2Ffloor");
        await Expect(page.Locator("#heatmap-title")).ToContainTextAsync("Lifts per slot and hour");
        await Expect(page.Locator("#heatmap-table tbody tr")).ToHaveCountAsync(12);
        // No later day than today is offered.
        await Expect(page.Locator("#heatmap-next")).ToHaveCountAsync(0);
        await ConsolePages.AssertAccessibleAsync(page);
    }
}
