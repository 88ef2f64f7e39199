using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ShowroomActors.Console.Tests.Support;

/// <summary>Steps every console test takes: signing in, checking a page with axe-core.</summary>
public static class ConsolePages
{
    private static readonly string AxeScript = Path.Combine(AppContext.BaseDirectory, "Vendor", "axe-core", "axe.min.js");

    /// <summary>Opens <paramref name="path"/>, is sent to the sign-in form, signs in with <paramref name="key"/> and lands back there.</summary>
    public static async Task SignInAsync(IPage page, string key, string path = "/console")
    {
        await page.GotoAsync(path);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/sign-in"));
        await page.FillAsync("#key", key);
        await page.ClickAsync("main button[type=submit]");
        await Expect(page.Locator("header .role")).ToBeVisibleAsync();
    }

    /// <summary>Where the tests leave a screenshot of each page (docs/console/ holds copies: docs/CONSOLE.md).</summary>
    public static readonly string ScreenshotFolder = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>Saves the whole page as <c>screenshots/{name}.png</c> next to the test binaries.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    /// <summary>
    /// Runs axe-core (vendored in the tests, never served by the host) on the page as it is now and fails on any
    /// violation of WCAG 2.1 A/AA or axe's best practices, listing each rule and the elements it found.
    /// </summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxeScript });
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] });
              return result.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 4).map(n => n.target.join(' ')).join(', '));
            }
            """);
        var list = violations.EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.True(list.Count == 0, $"axe found on {page.Url}:\n" + string.Join("\n", list));
    }
}
