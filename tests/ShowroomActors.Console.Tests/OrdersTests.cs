using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ShowroomActors.Console.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ShowroomActors.Console.Tests;

[Collection(BrowserCollection.Name)]
public sealed class OrdersTests(Chromium chromium, DemoHost demo) : IClassFixture<DemoHost>
{
    private ConsoleHost Host => demo.Host;

    private async Task<string> PlaceOrderAsync(string productId, int quantity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
        {
            Content = JsonContent.Create(new { channel = "web", lines = new[] { new { productId, quantity } } }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await Host.Api.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("orderId").GetString()!;
    }

    [SkippableFact]
    public async Task An_order_placed_through_the_api_shows_on_the_board_and_the_operator_advances_it_to_inspected()
    {
        var orderId = await PlaceOrderAsync("leye-kiwifruit-2-5kg", 2);
        var page = await chromium.NewPageAsync(Host);
        await ConsolePages.SignInAsync(page, ConsoleHost.OperatorKey, "/console/orders?status=reserved");
        var row = page.Locator($"#orders tr[data-order='{orderId}']");
        // The board is a projection: it shows the order within about a second.
        await ConsoleHost.EventuallyAsync(async () =>
        {
            if (await row.CountAsync() > 0) return true;
            await page.ReloadAsync();
            return false;
        }, "the order on the board");
        await Expect(row).ToHaveAttributeAsync("data-status", "reserved");
        await row.Locator("a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/console/orders/{orderId}$"));
        await Expect(page.Locator("#order-status")).ToHaveAttributeAsync("data-status", "reserved");

        // A wrong amount is refused and shown on the payment form; nothing changes.
        await page.FillAsync("#pay-amount", "1.00");
        var wrong = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#pay button[type=submit]"), r => r.Request.Method == "POST");
        Assert.InRange(wrong.Status, 400, 499);
        await Expect(page.Locator("#pay .field-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#order-status")).ToHaveAttributeAsync("data-status", "reserved");

        await page.GotoAsync($"/console/orders/{orderId}"); // back to the prefilled total
        await page.ClickAsync("#pay button[type=submit]");
        await Expect(page.Locator("#order-status")).ToHaveAttributeAsync("data-status", "paid");
        await page.FillAsync("#ship-tracking", "SF1234567890");
        await page.ClickAsync("#ship button[type=submit]");
        await Expect(page.Locator("#order-status")).ToHaveAttributeAsync("data-status", "shipped");
        await page.ClickAsync("#deliver button[type=submit]");
        await Expect(page.Locator("#order-status")).ToHaveAttributeAsync("data-status", "delivered");
        await page.FillAsync("#inspect-invoice", "INV-2026-0042");
        await page.ClickAsync("#inspect button[type=submit]");
        await Expect(page.Locator("#order-status")).ToHaveAttributeAsync("data-status", "inspected");
        Assert.True(await page.Locator("#timeline li").CountAsync() >= 5);
        await Expect(page.Locator("main")).ToContainTextAsync("SF1234567890");
        await Expect(page.Locator("main")).ToContainTextAsync("INV-2026-0042");
        await ConsolePages.ScreenshotAsync(page, "order");

        // The API agrees, and sending the inspect form again (a retry) changes nothing.
        var order = JsonDocument.Parse(await Host.Api.GetStringAsync($"/api/v1/orders/{orderId}")).RootElement;
        Assert.Equal("inspected", order.GetProperty("status").GetString());
        await Expect(page.Locator("#inspect")).ToHaveCountAsync(0);
    }

    [SkippableFact]
    public async Task The_board_filters_by_status_and_is_accessible_and_the_auditor_gets_no_step_forms()
    {
        var orderId = await PlaceOrderAsync("leye-kiwifruit-2-5kg", 1);
        var page = await chromium.NewPageAsync(Host, width: 820, height: 1180);
        await ConsolePages.SignInAsync(page, ConsoleHost.AuditorKey, "/console/orders");
        await ConsoleHost.EventuallyAsync(async () =>
        {
            if (await page.Locator($"#orders tr[data-order='{orderId}']").CountAsync() > 0) return true;
            await page.ReloadAsync();
            return false;
        }, "the order on the board");
        await page.ClickAsync(".status-tabs a[data-status=cancelled]");
        await Expect(page).ToHaveURLAsync(new Regex("status=cancelled"));
        await Expect(page.Locator($"#orders tr[data-order='{orderId}']")).ToHaveCountAsync(0);
        await page.ClickAsync(".status-tabs a[data-status=reserved]");
        await Expect(page.Locator($"#orders tr[data-order='{orderId}']")).ToHaveCountAsync(1);
        await ConsolePages.AssertAccessibleAsync(page);
        await ConsolePages.ScreenshotAsync(page, "orders");

        await page.GotoAsync($"/console/orders/{orderId}");
        await Expect(page.Locator("#order-status")).ToHaveAttributeAsync("data-status", "reserved");
        await Expect(page.Locator("#steps")).ToHaveCountAsync(0);
        await ConsolePages.AssertAccessibleAsync(page);
    }
}
