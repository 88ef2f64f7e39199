using System.Globalization;
using HdrHistogram;
using ShowroomActors.OrderBench;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args, Environment.GetEnvironmentVariable);
}
catch (HelpRequested)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}
catch (UsageException e)
{
    Console.Error.WriteLine($"OrderBench: {e.Message}");
    Console.Error.WriteLine("Run with --help for the options.");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

using var http = new HttpClient(new SocketsHttpHandler
{
    MaxConnectionsPerServer = 4096,
    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
})
{
    BaseAddress = options.Url,
    Timeout = TimeSpan.FromSeconds(60),
};
var client = new BenchClient(http, options);
if (!await client.IsLiveAsync(stop.Token))
{
    Console.Error.WriteLine($"OrderBench: no ShowroomActors host answers at {options.Url} (GET /health/live). Start one first, e.g.");
    Console.Error.WriteLine("  SHOWROOM_DEMO=off dotnet run -c Release --project src/ShowroomActors.Host");
    return 1;
}

var orders = (long)((options.WarmUp + options.Duration).TotalSeconds * options.Rate);
var unitsEach = (int)Math.Min(1_000_000, orders * options.Lines / options.Products + 1000);
await client.SetUpAsync(unitsEach, stop.Token);
var before = await ReservedAsync();

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"OrderBench: {options.Rate} orders/s to {options.Url} for {options.WarmUp.TotalSeconds:0} s warm-up + {options.Duration.TotalSeconds:0} s measured; " +
    $"{options.Lines} line(s) over {options.Products} products, buyer {(options.WithBuyer ? "on" : "off")}, slot {(options.WithSlot ? "on" : "off")}"));
var result = await OpenLoop.RunAsync(options.Rate, options.WarmUp, options.Duration, n => client.PlaceAsync(n, stop.Token), stop.Token);

var h = result.Latencies;
double Ms(double percentile) => ToMs(h.GetValueAtPercentile(percentile));
static double ToMs(long ticks) => ticks * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"measured {h.TotalCount} orders ({h.TotalCount / result.Measured.TotalSeconds:0.0}/s); answers: {string.Join(", ", result.Statuses.OrderBy(s => s.Key).Select(s => $"{(s.Key == 0 ? "failed" : s.Key)} x{s.Value}"))}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"latency ms from scheduled send: p50 {Ms(50):0.00}  p90 {Ms(90):0.00}  p99 {Ms(99):0.00}  p99.9 {Ms(99.9):0.00}  max {ToMs(h.GetMaxValue()):0.00}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"worst send lag of the client itself: {result.WorstSendLag.TotalMilliseconds:0.00} ms"));
if (options.HistogramFile is { } file)
{
    await using var writer = new StreamWriter(file);
    h.OutputPercentileDistribution(writer, outputValueUnitScalingRatio: OutputScalingFactor.TimeStampToMilliseconds);
}

// Every 201 holds its units and nothing else does (a rejected placement holds nothing once settled). A 503 or a
// client timeout may still become an order after the answer, so the check only says "equal" when there were none.
await Task.Delay(TimeSpan.FromSeconds(3));
var grew = await ReservedAsync() - before;
var expected = (long)result.CreatedInAll * options.Lines;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"stock check: reserved grew by {grew} units; {result.CreatedInAll} orders answered 201 (warm-up included) x {options.Lines} line(s) = {expected}: {(grew == expected ? "equal" : "DIFFERENT")}"));
return grew == expected ? 0 : 3;

async Task<long> ReservedAsync()
{
    long sum = 0;
    for (var i = 0; i < options.Products; i++) sum += (await client.StockAsync(client.ProductId(i), stop.Token)).Reserved;
    return sum;
}
