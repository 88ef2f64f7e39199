using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ShowroomActors.Console.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ShowroomActors.Console.Tests;

[Collection(BrowserCollection.Name)]
public sealed class QuotasTests(Chromium chromium, DemoHost demo) : IClassFixture<DemoHost>
{
    private const string Unit = "yantian-gov-office";
    private ConsoleHost Host => demo.Host;

    private async Task RecordPurchaseAsync(string buyerId, string reference, long amountFen)
    {
        var response = await Host.Api.PostAsJsonAsync($"/api/v1/buyers/{buyerId}/external-purchases",
            new { reference, amountFen, certified = true, at = DateTimeOffset.UtcNow });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task A_units_chart_shows_this_months_certified_spend_against_its_target_and_union_purchases_under_it()
    {
        await RecordPurchaseAsync(Unit, "CONSOLE-Q-1", 1_234_500);
        await RecordPurchaseAsync($"{Unit}-union", "CONSOLE-Q-U1", 65_500);
        var page = await chromium.NewPageAsync(Host);
        await ConsolePages.SignInAsync(page, ConsoleHost.OperatorKey, "/console/quotas");
        var row = page.Locator($"#quotas tr[data-unit='{Unit}']");
        // The report is a projection: it has the purchases within about a second.
        await ConsoleHost.EventuallyAsync(async () =>
        {
            if ((await row.Locator("[data-field=certified]").InnerTextAsync()) == "¥13,000.00") return true;
            await page.ReloadAsync();
            return false;
        }, "the purchases in the quota report");
        await Expect(row).ToContainTextAsync("¥655.00");
        await Expect(page.Locator("a[href$='format=csv']")).ToBeVisibleAsync();
        await ConsolePages.ScreenshotAsync(page, "quotas");

        await row.Locator("th a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/console/quotas/{Unit}"));
        var month = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Month;
        var chart = page.Locator("#quota-chart");
        await Expect(chart.Locator($"rect[data-month='{month}']")).ToHaveAttributeAsync("data-fen", "1300000");
        await Expect(chart).ToHaveAttributeAsync("data-total-fen", "1300000");
        await Expect(chart.Locator("#target-line")).ToHaveCountAsync(1);
        await Expect(chart.Locator("rect.bar-month")).ToHaveCountAsync(12);
        await Expect(page.Locator("#figures [data-field=certified]")).ToHaveTextAsync("¥13,000.00");
        var target = await chart.GetAttributeAsync("data-target-fen");
        Assert.False(string.IsNullOrEmpty(target));
        await Expect(page.Locator("#figures [data-field=target]")).ToHaveTextAsync("¥" + (long.Parse(target!) / 100m).ToString("#,0.00", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("#union-purchases")).ToContainTextAsync("CONSOLE-Q-U1");
        await ConsolePages.AssertAccessibleAsync(page);
        await ConsolePages.ScreenshotAsync(page, "quota");
    }

    [SkippableFact]
    public async Task The_quota_table_sorts_and_is_accessible_for_the_auditor_without_the_operators_download()
    {
        var page = await chromium.NewPageAsync(Host, width: 820, height: 1180);
        await ConsolePages.SignInAsync(page, ConsoleHost.AuditorKey, "/console/quotas?sort=name");
        await Expect(page.Locator("#quotas tbody tr")).ToHaveCountAsync(4);
        await Expect(page.Locator("th[aria-sort=ascending]")).ToHaveCountAsync(1);
        await Expect(page.Locator("a[href$='format=csv']")).ToHaveCountAsync(0);
        await ConsolePages.AssertAccessibleAsync(page);
    }
}
