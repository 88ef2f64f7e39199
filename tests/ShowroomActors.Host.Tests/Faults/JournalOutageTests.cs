using System.Diagnostics;
using System.Net;
using Npgsql;
using ShowroomActors.Host.Tests.Support;
using ShowroomActors.TestSupport;
using Xunit.Abstractions;

namespace ShowroomActors.Host.Tests.Faults;

/// <summary>
/// PostgreSQL gone for 10 s under load: requests fail fast with 503 and Retry-After (never a 2xx for an
/// unpersisted change), and the host recovers by itself when the database returns, having lost nothing it
/// acknowledged. The outage is a cut TCP proxy, so the shared test server keeps running for other tests.
/// </summary>
public sealed class JournalOutageTests(PostgresDatabase database, ITestOutputHelper output) : IClassFixture<PostgresDatabase>
{
    [SkippableFact]
    public async Task A_ten_second_database_outage_answers_503_and_loses_nothing_acknowledged()
    {
        database.SkipIfUnavailable();
        var target = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        using var proxy = new TcpProxy(target.Host!, target.Port);
        var viaProxy = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 3 }.ConnectionString;
        await using var showroom = await TestShowroom.StartAsync(postgres: viaProxy, extraHocon: "showroom.ask-timeout = 3s");

        var products = Enumerable.Range(1, 8).Select(i => $"outage-{i}").ToList();
        foreach (var id in products) // the first write to a fresh database also creates the tables: allow retries
            await TestShowroom.EventuallyAsync(async () => (await showroom.PostAsync("/api/v1/products", SampleProducts.Fuzhu(id))).StatusCode == HttpStatusCode.Created,
                TimeSpan.FromSeconds(20), $"{id} registered");

        var acknowledged = products.ToDictionary(p => p, _ => 0);
        var statuses = new Dictionary<int, int>();
        var latencies503 = new List<TimeSpan>();
        var batch = 0;
        DateTime? restoredAt = null;
        using var load = new CancellationTokenSource(TimeSpan.FromSeconds(40));

        var traffic = Task.Run(async () =>
        {
            while (!load.IsCancellationRequested)
            {
                await Task.WhenAll(products.Select(async id =>
                {
                    var b = Interlocked.Increment(ref batch);
                    var watch = Stopwatch.StartNew();
                    var response = await showroom.PostAsync($"/api/v1/products/{id}/stock", new { quantity = 1, batch = $"B-{b}" });
                    lock (statuses)
                    {
                        statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
                        if (response.IsSuccessStatusCode) acknowledged[id]++;
                        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                        {
                            Assert.True(response.Headers.RetryAfter is not null, "503 carries Retry-After");
                            latencies503.Add(watch.Elapsed);
                        }
                    }
                }));
                if (restoredAt is { } restored && DateTime.UtcNow > restored + TimeSpan.FromSeconds(15)) break;
                await Task.Delay(20);
            }
        });

        await Task.Delay(TimeSpan.FromSeconds(2));
        proxy.Cut();
        await Task.Delay(TimeSpan.FromSeconds(10));
        proxy.Restore();
        restoredAt = DateTime.UtcNow;
        await traffic;
        var sorted = latencies503.Order().ToList();
        var median503 = sorted.Count > 0 ? sorted[sorted.Count / 2] : TimeSpan.Zero;
        output.WriteLine($"statuses: {string.Join(", ", statuses.Select(s => $"{s.Key}x{s.Value}"))}; 503 median {median503.TotalMilliseconds:0} ms, max {sorted.LastOrDefault().TotalMilliseconds:0} ms");

        Assert.True(statuses.GetValueOrDefault(503) > 0, "the outage was noticed");
        Assert.True(median503 < TimeSpan.FromMilliseconds(500), $"503s come fast once the outage is known (median {median503})");
        Assert.True(sorted.Last() < TimeSpan.FromSeconds(4), $"no 503 waits longer than the ask timeout (max {sorted.Last()})");
        Assert.Equal(statuses.Keys.Order(), statuses.Keys.Where(k => k is 200 or 503).Order());

        // Recovered by itself: every product answers and writes again, and holds at least what was acknowledged.
        foreach (var id in products)
        {
            await TestShowroom.EventuallyAsync(async () =>
                (await showroom.PostAsync($"/api/v1/products/{id}/stock", new { quantity = 1, batch = $"after-{id}" })).IsSuccessStatusCode,
                TimeSpan.FromSeconds(20), $"{id} accepts writes after the outage");
            var state = await TestShowroom.JsonAsync(await showroom.GetAsync($"/api/v1/products/{id}"));
            Assert.True(state.GetProperty("onHand").GetInt32() >= acknowledged[id] + 1,
                $"{id}: {state.GetProperty("onHand").GetInt32()} on hand, {acknowledged[id]} acknowledged during the run");
        }
    }
}
