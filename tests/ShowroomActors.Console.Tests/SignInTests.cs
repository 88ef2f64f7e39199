using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ShowroomActors.Console.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ShowroomActors.Console.Tests;

/// <summary>A host whose failed-key budget is small, so the test reaches it quickly.</summary>
public sealed class SmallKeyBudgetHost : DemoHost
{
    protected override string? ExtraHocon => "showroom.http.failed-keys { permit-limit = 3, window = 1m }";
}

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(Chromium chromium, SmallKeyBudgetHost demo) : IClassFixture<SmallKeyBudgetHost>
{
    private ConsoleHost Host => demo.Host;

    [SkippableFact]
    public async Task The_operator_signs_in_with_an_HttpOnly_strict_cookie_and_signs_out_again()
    {
        var page = await chromium.NewPageAsync(Host);
        await ConsolePages.SignInAsync(page, ConsoleHost.OperatorKey, "/console/catalog");
        await Expect(page).ToHaveURLAsync(new Regex("/console/catalog$"));
        await Expect(page.Locator("header .role")).ToHaveAttributeAsync("data-role", "operator");

        var session = (await page.Context.CookiesAsync()).Single(c => c.Name == "showroom.console");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        Assert.DoesNotContain(ConsoleHost.OperatorKey, session.Value);

        await page.ClickAsync("header button:has-text('退出')");
        await Expect(page).ToHaveURLAsync(new Regex("/console/sign-in"));
        await page.GotoAsync("/console/catalog");
        await Expect(page).ToHaveURLAsync(new Regex("/console/sign-in\\?returnUrl=%2Fconsole%2Fcatalog"));
    }

    [SkippableFact]
    public async Task A_wrong_key_is_refused_and_wrong_keys_fall_under_the_failed_key_limit()
    {
        var page = await chromium.NewPageAsync(Host);
        await page.GotoAsync("/console/sign-in");
        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            await page.FillAsync("#key", "not-a-key-at-all-" + i);
            var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("main button[type=submit]"),
                r => r.Request.Method == "POST" && r.Url.Contains("/console/sign-in"));
            statuses.Add(response.Status);
            await Expect(page.Locator("#key-error")).ToBeVisibleAsync();
        }
        Assert.Equal([401, 401, 401, 429], statuses);
        await Expect(page.Locator("#key-error")).ToContainTextAsync("秒后再试");

        // The same address's unknown bearer keys share the budget: it is spent.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/audit/streams");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "another-unknown-key");
        using var anonymous = new HttpClient { BaseAddress = Host.BaseAddress };
        Assert.Equal(429, (int)(await anonymous.SendAsync(request)).StatusCode);

        // A right key still signs in (as a right bearer key still works).
        await page.FillAsync("#key", ConsoleHost.AuditorKey);
        await page.ClickAsync("main button[type=submit]");
        await Expect(page.Locator("header .role")).ToHaveAttributeAsync("data-role", "auditor");
    }

    [SkippableFact]
    public async Task The_auditor_sees_no_write_forms_and_the_server_refuses_the_auditors_writes()
    {
        var page = await chromium.NewPageAsync(Host);
        await ConsolePages.SignInAsync(page, ConsoleHost.AuditorKey, "/console/catalog");
        await Expect(page.Locator("#products tbody tr").First).ToBeVisibleAsync();
        await Expect(page.Locator("form[action*='handler=ReceiveStock']")).ToHaveCountAsync(0);
        var before = await page.Locator("#products tr[data-product='dongyuan-simiao-rice-5kg'] [data-field=onHand]").InnerTextAsync();

        // Forge the operator's form with the auditor's own session and antiforgery token (from the sign-out form).
        var status = await page.EvaluateAsync<int>("""
            async () => {
              const token = document.querySelector("header form input[name='__RequestVerificationToken']").value;
              const body = new URLSearchParams({ __RequestVerificationToken: token, 'Stock.ProductId': 'dongyuan-simiao-rice-5kg', 'Stock.Quantity': '5', 'Stock.Batch': 'AUDITOR-1' });
              const response = await fetch('/console/catalog?handler=ReceiveStock', { method: 'POST', body });
              return response.status;
            }
            """);
        Assert.Equal(403, status);
        await page.ReloadAsync();
        Assert.Equal(before, await page.Locator("#products tr[data-product='dongyuan-simiao-rice-5kg'] [data-field=onHand]").InnerTextAsync());
    }

    [SkippableFact]
    public async Task A_write_without_the_antiforgery_token_is_refused()
    {
        var page = await chromium.NewPageAsync(Host);
        await ConsolePages.SignInAsync(page, ConsoleHost.OperatorKey, "/console/catalog");
        var status = await page.EvaluateAsync<int>("""
            async () => {
              const body = new URLSearchParams({ 'Stock.ProductId': 'dongyuan-simiao-rice-5kg', 'Stock.Quantity': '5', 'Stock.Batch': 'CSRF-1' });
              return (await fetch('/console/catalog?handler=ReceiveStock', { method: 'POST', body })).status;
            }
            """);
        Assert.Equal(400, status);
    }

    [SkippableFact]
    public async Task A_session_reads_the_api_but_never_writes_through_it()
    {
        var page = await chromium.NewPageAsync(Host);
        await ConsolePages.SignInAsync(page, ConsoleHost.AuditorKey, "/console/catalog");
        var statuses = await page.EvaluateAsync<int[]>("""
            async () => {
              const read = (await fetch('/api/v1/audit/streams?type=product')).status;
              const write = (await fetch('/api/v1/products/dongyuan-simiao-rice-5kg/stock', { method: 'POST',
                headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ quantity: 1, batch: 'COOKIE-1' }) })).status;
              return [read, write];
            }
            """);
        Assert.Equal([200, 401], statuses);
    }

    [SkippableFact]
    public async Task The_language_switch_changes_the_pages_between_Chinese_and_English()
    {
        var page = await chromium.NewPageAsync(Host);
        await ConsolePages.SignInAsync(page, ConsoleHost.OperatorKey, "/console/catalog");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("商品与库存");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await page.ClickAsync("header a:has-text('English')");
        await Expect(page).ToHaveURLAsync(new Regex("/console/catalog$"));
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Catalog and stock");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.ClickAsync("header a:has-text('中文')");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("商品与库存");
    }

    [SkippableFact]
    public async Task The_sign_in_page_is_accessible()
    {
        var page = await chromium.NewPageAsync(Host);
        await page.GotoAsync("/console/sign-in");
        await ConsolePages.AssertAccessibleAsync(page);
        await ConsolePages.ScreenshotAsync(page, "sign-in");
    }
}
