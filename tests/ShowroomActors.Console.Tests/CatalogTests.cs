using System.Text.RegularExpressions;
using ShowroomActors.Console.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ShowroomActors.Console.Tests;

[Collection(BrowserCollection.Name)]
public sealed class CatalogTests(Chromium chromium, DemoHost demo) : IClassFixture<DemoHost>
{
    private const string Rice = "dongyuan-simiao-rice-5kg";
    private ConsoleHost Host => demo.Host;

    [SkippableFact]
    public async Task Receiving_stock_from_the_page_raises_on_hand_and_problems_show_next_to_their_field()
    {
        var page = await chromium.NewPageAsync(Host);
        await ConsolePages.SignInAsync(page, ConsoleHost.OperatorKey, "/console/catalog");
        var onHand = page.Locator($"#products tr[data-product='{Rice}'] [data-field=onHand]");
        var before = int.Parse(await onHand.InnerTextAsync());

        await page.SelectOptionAsync("#stock-product", Rice);
        await page.FillAsync("#stock-quantity", "lots");
        await page.FillAsync("#stock-batch", "CONSOLE-B1");
        var bad = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#stock button[type=submit]"), r => r.Request.Method == "POST");
        Assert.Equal(400, bad.Status);
        await Expect(page.Locator("#stock-quantity")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#stock-quantity-problem")).ToContainTextAsync("field: quantity");

        await page.FillAsync("#stock-quantity", "12");
        await page.ClickAsync("#stock button[type=submit]");
        await Expect(page.Locator("p.done")).ToContainTextAsync(Rice);
        await Expect(onHand).ToHaveTextAsync((before + 12).ToString());

        // The same batch with another quantity is a conflict, shown next to the batch.
        await page.SelectOptionAsync("#stock-product", Rice);
        await page.FillAsync("#stock-quantity", "13");
        await page.FillAsync("#stock-batch", "CONSOLE-B1");
        var conflict = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#stock button[type=submit]"), r => r.Request.Method == "POST");
        Assert.Equal(409, conflict.Status);
        await Expect(page.Locator("#stock-batch-problem")).ToContainTextAsync("409");
        var product = System.Text.Json.JsonDocument.Parse(await Host.Api.GetStringAsync($"/api/v1/products/{Rice}")).RootElement;
        Assert.Equal(before + 12, product.GetProperty("onHand").GetInt32());
    }

    [SkippableFact]
    public async Task Binding_a_slot_from_the_page_puts_the_product_on_it()
    {
        var page = await chromium.NewPageAsync(Host);
        await ConsolePages.SignInAsync(page, ConsoleHost.OperatorKey, "/console/catalog");
        await page.FillAsync("#bind-slot", "bad slot!");
        await page.SelectOptionAsync("#bind-product", "lingyun-camellia-oil-1l");
        var bad = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#bind button[type=submit]"), r => r.Request.Method == "POST");
        Assert.Equal(400, bad.Status);
        await Expect(page.Locator("#bind-slotId-problem")).ToContainTextAsync("slotId");

        await page.FillAsync("#bind-slot", "D-09");
        await page.SelectOptionAsync("#bind-product", "lingyun-camellia-oil-1l");
        await page.FillAsync("#bind-device", "lc-d09");
        await page.FillAsync("#bind-key", "short");
        var shortKey = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#bind button[type=submit]"), r => r.Request.Method == "POST");
        Assert.Equal(400, shortKey.Status);
        await Expect(page.Locator("#bind-deviceKey-problem")).ToBeVisibleAsync();

        await page.FillAsync("#bind-key", "a-device-key-long-enough");
        await page.ClickAsync("#bind button[type=submit]");
        await Expect(page.Locator("p.done")).ToContainTextAsync("D-09");
        var slot = await Host.Api.GetStringAsync("/api/v1/slots/D-09");
        Assert.Contains("lingyun-camellia-oil-1l", slot);
    }

    [SkippableFact]
    public async Task The_catalog_page_is_accessible_on_a_tablet()
    {
        var page = await chromium.NewPageAsync(Host, width: 820, height: 1180);
        await ConsolePages.SignInAsync(page, ConsoleHost.OperatorKey, "/console/catalog");
        await Expect(page).ToHaveURLAsync(new Regex("/console/catalog"));
        await ConsolePages.AssertAccessibleAsync(page);
        await ConsolePages.ScreenshotAsync(page, "catalog");
    }
}
