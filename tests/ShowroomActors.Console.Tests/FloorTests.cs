using ShowroomActors.Console.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ShowroomActors.Console.Tests;

[Collection(BrowserCollection.Name)]
public sealed class FloorTests(Chromium chromium, DemoHost demo) : IClassFixture<DemoHost>
{
    private ConsoleHost Host => demo.Host;

    [SkippableFact]
    public async Task The_floor_shows_every_demo_slot_by_shelf()
    {
        var page = await chromium.NewPageAsync(Host);
        await ConsolePages.SignInAsync(page, ConsoleHost.OperatorKey, "/console/floor");
        await Expect(page.Locator("#floor .tile")).ToHaveCountAsync(12);
        await Expect(page.Locator("#floor .shelf")).ToHaveCountAsync(3);
        await Expect(page.Locator("#shelf-A ~ .tiles .tile")).ToHaveCountAsync(4);
        await Expect(page.Locator(".tile[data-slot='A-01'] [data-field=productName]")).Not.ToBeEmptyAsync();
    }

    [SkippableFact]
    public async Task A_slot_tile_changes_live_when_its_device_reports_a_lift_and_a_return()
    {
        var page = await chromium.NewPageAsync(Host);
        await ConsolePages.SignInAsync(page, ConsoleHost.OperatorKey, "/console/floor");
        await Expect(page.Locator("#floor")).ToHaveAttributeAsync("data-live", "open");
        var tile = page.Locator(".tile[data-slot='C-02']");
        await Expect(tile).ToHaveAttributeAsync("data-lifted", "false");
        var lifts = int.Parse(await tile.Locator("[data-field=lifts]").InnerTextAsync());

        var lifted = await Host.PostSensorEventsAsync("rfid-c02", ConsoleHost.SensorEvent("C-02", "rfid-c02", 9001, "lifted", battery: 41));
        Assert.True(lifted.IsSuccessStatusCode, await lifted.Content.ReadAsStringAsync());
        // No reload: the tile changes through the page's SSE stream.
        await Expect(tile).ToHaveAttributeAsync("data-lifted", "true");
        await Expect(tile.Locator("[data-field=state]")).ToHaveTextAsync("正在拿起");
        await Expect(tile.Locator("[data-field=lifts]")).ToHaveTextAsync((lifts + 1).ToString());
        await Expect(tile.Locator("[data-field=battery]")).ToHaveTextAsync("41%");
        await Expect(tile.Locator("[data-field=device]")).ToContainTextAsync("在线");
        await ConsolePages.ScreenshotAsync(page, "floor");

        var returned = await Host.PostSensorEventsAsync("rfid-c02", ConsoleHost.SensorEvent("C-02", "rfid-c02", 9002, "returned"));
        Assert.True(returned.IsSuccessStatusCode, await returned.Content.ReadAsStringAsync());
        await Expect(tile).ToHaveAttributeAsync("data-lifted", "false", new() { Timeout = 15_000 });
    }

    [SkippableFact]
    public async Task The_floor_is_accessible_on_a_tablet_in_both_languages()
    {
        var page = await chromium.NewPageAsync(Host, width: 820, height: 1180);
        await ConsolePages.SignInAsync(page, ConsoleHost.AuditorKey, "/console/floor");
        await Expect(page.Locator("#floor")).ToHaveAttributeAsync("data-live", "open");
        await ConsolePages.AssertAccessibleAsync(page);
        await page.GotoAsync("/console/language?culture=en&returnUrl=%2Fconsole%2Ffloor");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Floor");
        await ConsolePages.AssertAccessibleAsync(page);
    }
}
