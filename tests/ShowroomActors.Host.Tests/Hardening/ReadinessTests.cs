using System.Net;
using Microsoft.Data.Sqlite;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.Hardening;

/// <summary>
/// Issue 18 item 5: with the database answering queries but every write failing (an exclusive lock held, as a full disk
/// does), readiness turns 503 naming the reason once writes kept failing, and ready again after a write succeeds.
/// </summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Writes_failing_for_longer_than_the_limit_make_ready_503_with_the_reason_until_a_write_succeeds()
    {
        await using var showroom = await TestShowroom.StartAsync(extraHocon: """
            showroom.ask-timeout = 2s
            showroom.http.journal-failing-after = 1s
            showroom.sqlite.busy-timeout = 1s
            """);
        Assert.Equal(HttpStatusCode.Created, (await showroom.PostAsync("/api/v1/products", SampleProducts.Fuzhu())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await showroom.GetAsync("/health/ready", key: null)).StatusCode);

        await using (var locker = new SqliteConnection($"Data Source={Path.Combine(showroom.DataDir, "showroom.db")}"))
        {
            await locker.OpenAsync();
            await using var transaction = locker.BeginTransaction(System.Data.IsolationLevel.Serializable);
            await using (var write = locker.CreateCommand())
            {
                write.Transaction = transaction;
                write.CommandText = "CREATE TABLE IF NOT EXISTS lock_holder (x INTEGER); INSERT INTO lock_holder VALUES (1);";
                await write.ExecuteNonQueryAsync();
            }

            await TestShowroom.EventuallyAsync(async () =>
            {
                var stock = await showroom.PostAsync("/api/v1/products/dongyuan-fuzhu-500g/stock", new { quantity = 1, batch = $"B-{Guid.NewGuid():N}"[..20] });
                Assert.Equal(HttpStatusCode.ServiceUnavailable, stock.StatusCode);
                var ready = await showroom.GetAsync("/health/ready", key: null);
                if (ready.StatusCode != HttpStatusCode.ServiceUnavailable) return false;
                var body = await TestShowroom.JsonAsync(ready);
                return body.GetProperty("journal").GetString() == "failing" && body.GetProperty("reason").GetString()!.Contains("journal");
            }, TimeSpan.FromSeconds(30), "readiness to report the failing journal");
            await transaction.RollbackAsync();
        }

        await TestShowroom.EventuallyAsync(async () =>
            (await showroom.PostAsync("/api/v1/products/dongyuan-fuzhu-500g/stock", new { quantity = 1, batch = "B-after" })).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "writes to succeed again");
        Assert.Equal(HttpStatusCode.OK, (await showroom.GetAsync("/health/ready", key: null)).StatusCode);
    }
}
