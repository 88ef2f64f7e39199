using System.Net.Http.Json;
using System.Text.Json;
using ShowroomActors.Console.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ShowroomActors.Console.Tests;

[Collection(BrowserCollection.Name)]
public sealed class AuditCheckpointTests(Chromium chromium)
{
    [SkippableFact]
    public async Task The_audit_explorer_shows_the_latest_signed_checkpoint_and_its_printable_note()
    {
        await using var host = await ConsoleHost.StartAsync();
        // Sign one now through the API (the log also signs every minute); the page shows the newest.
        JsonElement signed = default;
        await ConsoleHost.EventuallyAsync(async () =>
        {
            var response = await host.Api.PostAsync("/api/v1/audit/checkpoints", null);
            if (!response.IsSuccessStatusCode) return false;
            signed = await response.Content.ReadFromJsonAsync<JsonElement>();
            return true;
        }, "a checkpoint to be signed", TimeSpan.FromSeconds(30));
        var latest = await host.Api.GetFromJsonAsync<JsonElement>("/api/v1/audit/checkpoints/latest");
        var publicKey = await host.Api.GetStringAsync("/api/v1/audit/public-key");
        Assert.Contains("BEGIN PUBLIC KEY", publicKey);

        var page = await chromium.NewPageAsync(host);
        await ConsolePages.SignInAsync(page, ConsoleHost.AuditorKey, "/console/audit");
        var card = page.Locator("#checkpoint");
        await Expect(card.Locator("[data-field=treeSize]")).ToHaveTextAsync(latest.GetProperty("treeSize").GetInt64().ToString("#,0", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(card.Locator("[data-field=rootHash]")).ToHaveTextAsync(latest.GetProperty("rootHash").GetString()!);
        await Expect(card.Locator("[data-verifies]")).ToHaveAttributeAsync("data-verifies", "true");
        Assert.True(signed.GetProperty("treeSize").GetInt64() <= latest.GetProperty("treeSize").GetInt64());
        // The key id on the page is the one in the note's signature line (4 bytes, big-endian, before the signature).
        var note = latest.GetProperty("note").GetString()!;
        var signatureLine = note.Split('\n').First(l => l.StartsWith("\u2014 ", StringComparison.Ordinal));
        var keyId = Convert.FromBase64String(signatureLine.Split(' ')[2])[..4];
        await Expect(card.Locator("[data-field=keyId]")).ToHaveTextAsync(Convert.ToHexString(keyId).ToLowerInvariant());
        await ConsolePages.AssertAccessibleAsync(page);
        await ConsolePages.ScreenshotAsync(page, "audit-checkpoint");

        // The printable note is the signed note itself, as the API gives it.
        var text = await page.APIRequest.GetAsync("/console/audit?handler=Checkpoint");
        Assert.Equal(200, text.Status);
        Assert.StartsWith("text/plain", text.Headers["content-type"]);
        var shown = await text.TextAsync();
        Assert.Contains(latest.GetProperty("rootHash").GetString()!, shown);
        Assert.StartsWith(latest.GetProperty("origin").GetString()! + "\n" + latest.GetProperty("treeSize").GetInt64() + "\n", shown);

        // In English too.
        await page.GotoAsync("/console/language?culture=en&returnUrl=%2Fconsole%2Faudit");
        await Expect(page.Locator("#checkpoint-title")).ToHaveTextAsync("Latest signed checkpoint of the transparency log");
        await ConsolePages.AssertAccessibleAsync(page);
    }
}
