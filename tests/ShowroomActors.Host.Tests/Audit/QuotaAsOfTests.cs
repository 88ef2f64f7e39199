using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.Audit;

/// <summary>"Why was unit X at Y% on date D?": the tally as it stood then, through the API and the offline CLI.</summary>
public sealed class QuotaAsOfTests
{
    [Fact]
    public async Task The_tally_as_of_an_instant_counts_only_what_was_recorded_by_then()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero));
        await using var showroom = await TestShowroom.StartAsync(clock: clock);
        Assert.Equal(HttpStatusCode.Created, (await showroom.PostAsync("/api/v1/buyers",
            new { buyerId = "unit-a", kind = "budget-unit", name = "盐田区某单位", jurisdiction = "shenzhen-yantian" })).StatusCode);
        Assert.True((await showroom.PutAsync("/api/v1/buyers/unit-a/plans/2026",
            new { canteenFoodBudgetFen = 1_000_000, reservedRatio = 0.3, hasCanteen = true })).IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.Created, (await showroom.PostAsync("/api/v1/buyers/unit-a/external-purchases",
            new { reference = "INV-1", amountFen = 60_000, certified = true, at = "2026-02-20T00:00:00Z" })).StatusCode);
        var between = clock.GetUtcNow().AddHours(1);
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.Created, (await showroom.PostAsync("/api/v1/buyers/unit-a/external-purchases",
            new { reference = "INV-2", amountFen = 90_000, certified = true, at = "2026-02-28T00:00:00Z" })).StatusCode);

        var live = await TestShowroom.JsonAsync(await showroom.GetAsync("/api/v1/buyers/unit-a/quota/2026"));
        Assert.Equal(150_000, live.GetProperty("certifiedFen").GetInt64());

        var asOf = await TestShowroom.JsonAsync(await showroom.GetAsync(
            $"/api/v1/audit/quota/unit-a/2026?at={Uri.EscapeDataString(between.ToString("O"))}", TestShowroom.AuditorKey));
        Assert.Equal(60_000, asOf.GetProperty("quota").GetProperty("certified").GetInt64());
        Assert.Equal(300_000, asOf.GetProperty("quota").GetProperty("target").GetInt64());
        await TestShowroom.AssertProblemAsync(await showroom.GetAsync("/api/v1/audit/quota/nobody/2026", TestShowroom.AuditorKey), 404, "persistenceId");
        await TestShowroom.AssertProblemAsync(await showroom.GetAsync("/api/v1/audit/quota/unit-a/2026?at=soon", TestShowroom.AuditorKey), 400, "at");

        await showroom.StopAsync();
        var run = await AuditCliRun.RunAsync(showroom.DataDir, "quota", "unit-a", "--year", "2026", "--at", between.ToString("O"));
        Assert.Equal(0, run.Code);
        var cli = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(60_000, cli.GetProperty("quota").GetProperty("certified").GetInt64());
        Assert.Equal(2, (await AuditCliRun.RunAsync(showroom.DataDir, "quota", "unit-a", "--year")).Code);

        // A broken chain: a warning and exit 1, no figures.
        JournalTamper.MarkDeleted(showroom.Settings.SqliteFile, "buyer-unit-a", 2);
        var broken = await AuditCliRun.RunAsync(showroom.DataDir, "quota", "unit-a", "--year", "2026");
        Assert.Equal(1, broken.Code);
        Assert.Equal("", broken.Output);
        Assert.Contains("warning: BROKEN buyer-unit-a at seq 2", broken.Error);
    }
}
