using ShowroomActors.Console.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ShowroomActors.Console.Tests;

/// <summary>The floor's alerts in a real browser: an alert appears live with a marker on its tile, an operator acknowledges it from the page, an auditor only reads.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AlertsTests(Chromium chromium, DemoHost demo) : IClassFixture<DemoHost>
{
    private ConsoleHost Host => demo.Host;

    [SkippableFact]
    public async Task A_low_battery_alert_appears_live_on_the_floor_and_the_operator_acknowledges_it_from_the_page()
    {
        var page = await chromium.NewPageAsync(Host);
        await ConsolePages.SignInAsync(page, ConsoleHost.OperatorKey, "/console/floor");
        await Expect(page.Locator("#floor")).ToHaveAttributeAsync("data-live", "open");
        await Expect(page.Locator("#alerts")).ToHaveAttributeAsync("data-live", "open");
        var tile = page.Locator(".tile[data-slot='C-03']");
        await Expect(tile.Locator(".alert-marker")).ToHaveCountAsync(0);

        var posted = await Host.PostSensorEventsAsync("rfid-c03", ConsoleHost.SensorEvent("C-03", "rfid-c03", 9101, "heartbeat", battery: 8));
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        // No reload: the alert arrives through the page's alert stream.
        var item = page.Locator("#alert-list li[data-slot='C-03'][data-kind='battery-low']");
        await Expect(item).ToHaveAttributeAsync("data-state", "open", new() { Timeout = 30_000 });
        await Expect(item.Locator("[data-field=kind]")).ToHaveTextAsync("电量低");
        await Expect(tile).ToHaveAttributeAsync("data-alerts", "1");
        await Expect(tile.Locator(".alert-marker")).ToBeVisibleAsync();
        await ConsolePages.AssertAccessibleAsync(page);

        await item.Locator("button[type=submit]").ClickAsync();
        var acknowledged = page.Locator("#alert-list li[data-slot='C-03'][data-kind='battery-low']");
        await Expect(acknowledged).ToHaveAttributeAsync("data-state", "acknowledged", new() { Timeout = 30_000 });
        await Expect(acknowledged.Locator("button")).ToHaveCountAsync(0);

        var viaApi = await Host.Api.GetAsync("/api/v1/alerts?state=acknowledged&slotId=C-03");
        Assert.Contains("\"acknowledgedBy\":\"console\"", await viaApi.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task An_auditor_sees_the_alerts_without_a_way_to_acknowledge_them()
    {
        var posted = await Host.PostSensorEventsAsync("rfid-c01", ConsoleHost.SensorEvent("C-01", "rfid-c01", 9201, "heartbeat", battery: 7));
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        var page = await chromium.NewPageAsync(Host);
        await ConsolePages.SignInAsync(page, ConsoleHost.AuditorKey, "/console/floor");
        var item = page.Locator("#alert-list li[data-slot='C-01'][data-kind='battery-low']");
        await Expect(item).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(page.Locator("#alerts form")).ToHaveCountAsync(0);
        await Expect(page.Locator("#alert-ack")).ToHaveCountAsync(0);
    }
}
