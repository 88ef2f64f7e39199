using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using ShowroomActors.Console.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ShowroomActors.Console.Tests;

[Collection(BrowserCollection.Name)]
public sealed class AuditTests(Chromium chromium)
{
    private const string Tea = "lingyun-baihao-tea-100g";
    private const string Stream = "product-" + Tea;

    [SkippableFact]
    public async Task The_auditor_scrubs_a_streams_state_through_time_and_sees_verify_fail_on_a_tampered_journal()
    {
        await using var host = await ConsoleHost.StartAsync();
        (await host.Api.PostAsJsonAsync($"/api/v1/products/{Tea}/stock", new { quantity = 20, batch = "AUDIT-1" })).EnsureSuccessStatusCode();
        (await host.Api.PostAsJsonAsync($"/api/v1/products/{Tea}/stock", new { quantity = 7, batch = "AUDIT-2" })).EnsureSuccessStatusCode();

        var page = await chromium.NewPageAsync(host);
        await ConsolePages.SignInAsync(page, ConsoleHost.AuditorKey, "/console/audit?type=product");
        await page.ClickAsync($"#streams a:has-text('{Stream}')");
        await Expect(page).ToHaveURLAsync(new Regex("stream=product-"));
        await Expect(page.Locator("#verify")).ToHaveAttributeAsync("data-ok", "true");
        var events = await page.Locator("#events tbody tr").CountAsync();
        Assert.True(events >= 3, $"{events} events");
        await Expect(page.Locator("#state")).ToContainTextAsync("\"onHand\"");
        var latest = await page.Locator("#state").InnerTextAsync();

        // Scrub back to the first event (the registration): no stock yet.
        await page.Locator("#up-to").FillAsync("1");
        await Expect(page.Locator("#state")).ToHaveAttributeAsync("data-up-to", "1");
        var first = await page.Locator("#state").InnerTextAsync();
        Assert.NotEqual(latest, first);
        Assert.Matches("\"onHand\": 0\\b", first);
        await ConsolePages.AssertAccessibleAsync(page);
        await ConsolePages.ScreenshotAsync(page, "audit");

        // Tamper: the first receipt's quantity 20 becomes 90 in the stored row, with the host stopped.
        await host.StopAsync();
        var seq = ChangeStoredEvent(host.SqliteFile, Stream, "\"quantity\":20", "\"quantity\":90");
        await host.RestartAsync();

        var after = await chromium.NewPageAsync(host);
        await ConsolePages.SignInAsync(after, ConsoleHost.AuditorKey, $"/console/audit?stream={Stream}");
        var banner = after.Locator("#verify");
        await Expect(banner).ToHaveAttributeAsync("data-ok", "false");
        await Expect(banner).ToHaveAttributeAsync("data-first-broken-seq", seq.ToString());
        await Expect(banner).ToContainTextAsync($"序号为 {seq}");
        await Expect(after.Locator($"#events tr[data-seq='{seq}']")).ToHaveClassAsync("broken");
        await ConsolePages.ScreenshotAsync(after, "audit-tampered");
    }

    /// <summary>Replaces <paramref name="from"/> with <paramref name="to"/> in the stored bytes of the stream's event that holds it; returns its seq.</summary>
    private static long ChangeStoredEvent(string sqliteFile, string persistenceId, string from, string to)
    {
        using var connection = new SqliteConnection($"Data Source={sqliteFile};Pooling=False");
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT sequence_number, message FROM journal WHERE persistence_id = @pid ORDER BY sequence_number";
        read.Parameters.AddWithValue("@pid", persistenceId);
        long seq = 0;
        byte[]? changed = null;
        using (var reader = read.ExecuteReader())
            while (reader.Read() && changed is null)
            {
                var text = Encoding.UTF8.GetString((byte[])reader[1]);
                if (!text.Contains(from, StringComparison.Ordinal)) continue;
                seq = reader.GetInt64(0);
                changed = Encoding.UTF8.GetBytes(text.Replace(from, to, StringComparison.Ordinal));
            }
        Assert.NotNull(changed);
        using var write = connection.CreateCommand();
        write.CommandText = "UPDATE journal SET message = @message WHERE persistence_id = @pid AND sequence_number = @seq";
        write.Parameters.AddWithValue("@message", changed);
        write.Parameters.AddWithValue("@pid", persistenceId);
        write.Parameters.AddWithValue("@seq", seq);
        Assert.Equal(1, write.ExecuteNonQuery());
        return seq;
    }
}
