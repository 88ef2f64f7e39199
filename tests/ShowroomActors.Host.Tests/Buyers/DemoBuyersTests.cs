using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ShowroomActors.Host.Demo;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.Buyers;

public sealed class DemoBuyersTests
{
    private static long BuyerEvents(TestShowroom showroom)
    {
        using var connection = new SqliteConnection(showroom.Settings.SqliteConnection);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM journal WHERE persistence_id LIKE 'buyer-%'";
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task The_demo_buyers_and_plans_load_through_the_api_commands_once_even_across_restarts()
    {
        await using var showroom = await TestShowroom.StartAsync(demo: true, extraHocon: BuyerApiTests.PatientAsks);
        await showroom.Services.GetRequiredService<DemoLoader>().Completion;

        var union = await TestShowroom.JsonAsync(await showroom.GetAsync("/api/v1/buyers/yantian-gov-office-union"));
        Assert.Equal("trade-union", union.GetProperty("kind").GetString());
        Assert.Equal("yantian-gov-office", union.GetProperty("parentUnitId").GetString());
        var office = await TestShowroom.JsonAsync(await showroom.GetAsync("/api/v1/buyers/yantian-gov-office"));
        var plan = Assert.Single(office.GetProperty("plans").EnumerateArray());
        Assert.Equal(0.3m, plan.GetProperty("reservedRatio").GetDecimal());
        Assert.Equal(72_000_000, plan.GetProperty("targetFen").GetInt64());
        var street = await TestShowroom.JsonAsync(await showroom.GetAsync("/api/v1/buyers/yantian-haishan-street-office/quota/2026"));
        Assert.Equal("no-canteen", street.GetProperty("status").GetString());

        var events = BuyerEvents(showroom);
        Assert.Equal(8 + 4, events); // 8 accounts, 4 plans
        await TestShowroom.EventuallyAsync(async () =>
        {
            var report = await TestShowroom.JsonAsync(await showroom.GetAsync("/api/v1/reports/quota/2026"));
            return report.GetProperty("units").GetArrayLength() == 4;
        }, TimeSpan.FromSeconds(30), "the four demo budget units in the report");

        await showroom.RestartAsync();
        await showroom.Services.GetRequiredService<DemoLoader>().Completion;
        Assert.Equal(events, BuyerEvents(showroom));

        // An operator's new plan for a demo unit survives the next start: the loader only adds what is missing.
        var replanned = await showroom.PutAsync("/api/v1/buyers/yantian-gov-office/plans/2026", new { canteenFoodBudgetFen = 100_000_000L, hasCanteen = true });
        Assert.True(replanned.IsSuccessStatusCode, await replanned.Content.ReadAsStringAsync());
        await showroom.RestartAsync();
        await showroom.Services.GetRequiredService<DemoLoader>().Completion;
        var kept = await TestShowroom.JsonAsync(await showroom.GetAsync("/api/v1/buyers/yantian-gov-office"));
        Assert.Equal(30_000_000, Assert.Single(kept.GetProperty("plans").EnumerateArray()).GetProperty("targetFen").GetInt64());
        Assert.Equal(events + 1, BuyerEvents(showroom));
    }
}
