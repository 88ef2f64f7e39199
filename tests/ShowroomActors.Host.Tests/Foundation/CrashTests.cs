using System.Net;
using System.Net.Http.Json;
using ShowroomActors.Host.Tests.Support;
using Xunit.Abstractions;

namespace ShowroomActors.Host.Tests.Foundation;

/// <summary>A 2xx means persisted: a host killed with SIGKILL right after answering loses nothing.</summary>
public sealed class CrashTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "showroom-crash", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Kill_9_after_2xx_loses_nothing()
    {
        var acknowledged = 0;
        using (var host = await HostProcess.StartAsync(_dataDir))
        {
            var created = await host.Client.PostAsJsonAsync("/api/v1/products", SampleProducts.Fuzhu());
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);

            // Fire receipts concurrently and kill the process the moment enough have been acknowledged.
            var receipts = Enumerable.Range(1, 40).Select(async i =>
            {
                try
                {
                    var response = await host.Client.PostAsJsonAsync("/api/v1/products/dongyuan-fuzhu-500g/stock", new { quantity = 1, batch = $"B-{i}" });
                    if (response.IsSuccessStatusCode) Interlocked.Increment(ref acknowledged);
                }
                catch (HttpRequestException)
                {
                    // The process died while this request was in flight: not acknowledged, may or may not be stored.
                }
            }).ToList();
            while (Volatile.Read(ref acknowledged) < 20 && receipts.Any(r => !r.IsCompleted)) await Task.Delay(5);
            host.KillHard();
            await Task.WhenAll(receipts);
            output.WriteLine($"{acknowledged} receipts acknowledged before SIGKILL");
        }

        using var restarted = await HostProcess.StartAsync(_dataDir);
        var product = await restarted.Client.GetFromJsonAsync<ProductView>("/api/v1/products/dongyuan-fuzhu-500g");
        Assert.NotNull(product);
        Assert.True(product.OnHand >= acknowledged, $"{product.OnHand} on hand after restart, {acknowledged} acknowledged");
        Assert.True(product.OnHand <= 40);
    }

    [Fact]
    public async Task Sigterm_shuts_down_gracefully_with_exit_code_0()
    {
        using var host = await HostProcess.StartAsync(_dataDir);
        Assert.Equal(HttpStatusCode.Created, (await host.Client.PostAsJsonAsync("/api/v1/products", SampleProducts.Fuzhu())).StatusCode);
        Assert.Equal(0, host.Terminate(TimeSpan.FromSeconds(30)));
        Assert.Contains("Leaving the cluster", host.Output);
    }

    private sealed record ProductView(string ProductId, int OnHand);

    public void Dispose()
    {
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
