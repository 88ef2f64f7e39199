using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using HdrHistogram;
using ShowroomActors.Client;
using ShowroomActors.Client.Cli;

namespace ShowroomActors.LoadGen;

/// <summary>
/// The <c>orders</c> benchmark: set-up through the operator API (idempotent), order n due at start + n / rate, each
/// timed from its due time to its answer, and the stock check at the end. Its ids are the tool's own
/// (<c>{prefix}-op01…</c> products, <c>{prefix}-os01…</c> slots, the budget unit <c>{prefix}-ounit</c>).
/// </summary>
public sealed class OrderRun(OrdersOptions options, ShowroomClient client)
{
    private long _created;

    public string ProductId(int i) => string.Create(CultureInfo.InvariantCulture, $"{options.Prefix}-op{i + 1:00}");
    public string SlotId(int i) => string.Create(CultureInfo.InvariantCulture, $"{options.Prefix}-os{i + 1:00}");
    public string BuyerId => $"{options.Prefix}-ounit";

    /// <summary>Orders answered 201, warm-up included: what the stock check expects to be reserved.</summary>
    public long Created => Interlocked.Read(ref _created);

    public static async Task<int> RunAsync(OrdersOptions options, IReadOnlyList<string> args, CancellationToken stop)
    {
        using var client = new ShowroomClient([options.Url], options.OperatorKey, connectionsPerBase: 4096, options.Timeout);
        if (!await client.IsLiveAsync(options.Url, stop))
        {
            Console.Error.WriteLine($"LoadGen orders: no ShowroomActors host answers at {options.Url} (GET /health/live). Start one first, e.g.");
            Console.Error.WriteLine("  SHOWROOM_DEMO=off dotnet run -c Release --project src/ShowroomActors.Host");
            return 1;
        }
        var run = new OrderRun(options, client);
        long before;
        try
        {
            await RealDataGuard.CheckAsync(client, "LoadGen orders", [options.Prefix + "-"], options.AllowRealData, stop);
            var orders = (long)((options.WarmUp + options.Duration).TotalSeconds * options.Rate);
            await run.SetUpAsync((int)Math.Min(1_000_000, orders * options.Lines / options.Products + 1000), stop);
            before = await run.ReservedAsync(stop);
        }
        catch (Exception e) when (e is ShowroomApiException or HttpRequestException or OperationCanceledException)
        {
            Console.Error.WriteLine($"LoadGen orders: set-up failed: {e.Message}");
            return 1;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"orders: {options.Rate}/s to {options.Url} for {options.WarmUp.TotalSeconds:0} s warm-up + {options.Duration.TotalSeconds:0} s measured; " +
            $"{options.Lines} line(s) over {options.Products} products, buyer {(options.WithBuyer ? "on" : "off")}, slot {(options.WithSlot ? "on" : "off")}"));
        var startedAt = DateTimeOffset.UtcNow;
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var wall = Stopwatch.StartNew();
        var stats = await ProgressDisplay.RunAsync("orders", (options.WarmUp + options.Duration).TotalSeconds, options.Progress, display => run.SendAsync(display, stop));
        wall.Stop();
        process.Refresh();
        var measured = stats.TakeMeasured();
        var report = new RunReport(startedAt, [options.Url.ToString().TrimEnd('/')], "ShowroomActors.LoadGen " + string.Join(' ', ToolOptions.WithoutSecrets(args)),
            options.WarmUp.TotalSeconds, options.Duration.TotalSeconds, options.WithSlot ? options.Products : 0, 0, options.WithBuyer ? 1 : 0, 0,
            [KindReport.From(stats, measured, options.Duration.TotalSeconds)], new DeviceEventsReport(0, 0, 0, 0, 0, 0, 0), null,
            ToolReport.Since((process.TotalProcessorTime - cpuBefore).TotalSeconds, wall.Elapsed, allocatedBefore, gcBefore), MachineReport.Current());
        Console.WriteLine();
        Console.Write(report.ToTable());
        if (options.HistogramFile is { } file)
        {
            await using var writer = new StreamWriter(file);
            measured.OutputPercentileDistribution(writer, outputValueUnitScalingRatio: OutputScalingFactor.None);
            Console.WriteLine($"histogram (µs) written to {file}");
        }

        // Every 201 holds its units and nothing else does (a refused placement holds nothing once settled). A 503 or a
        // client timeout may still become an order after the answer, so the check only says "equal" when there were none.
        await Task.Delay(TimeSpan.FromSeconds(3), CancellationToken.None);
        var grew = await run.ReservedAsync(CancellationToken.None) - before;
        var expected = run.Created * options.Lines;
        var equal = grew == expected;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"stock check: reserved grew by {grew} units; {run.Created} orders answered 201 (warm-up included) x {options.Lines} line(s) = {expected}: {(equal ? "equal" : "DIFFERENT")}"));
        if (options.JsonPath is { } path)
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new { report, stockCheck = new { reservedGrew = grew, expected, equal } }, RunReport.JsonOptions) + Environment.NewLine, CancellationToken.None);
        return equal ? 0 : OrdersCommand.StockMismatch;
    }

    /// <summary>Registers the products (certified, 36.80 yuan), tops their stock up to <paramref name="unitsEach"/>, registers the buyer, binds the slots.</summary>
    public async Task SetUpAsync(int unitsEach, CancellationToken cancel)
    {
        for (var i = 0; i < options.Products; i++)
        {
            var productId = ProductId(i);
            await client.RegisterProductAsync(new ProductRegistration(productId, $"压测腐竹 {i + 1}", "dried-beancurd", "东源县", "东源县义合镇腐竹专业合作社",
                true, "FP44162520200003", 3680, 540, "山泉水手工制作的客家腐竹。", "合作社吸纳了12户原贫困户务工。"), cancel);
            var available = (await StockAsync(productId, cancel)).Available;
            if (available < unitsEach)
                await client.ReceiveStockAsync(productId, unitsEach - available, $"{options.Prefix}-{DateTimeOffset.UtcNow:yyyyMMddHHmmssfff}", cancel);
            if (options.WithSlot) await client.BindSlotAsync(SlotId(i), productId, null, null, cancel);
        }
        if (!options.WithBuyer) return;
        var (status, body) = await client.SendAsync(HttpMethod.Post, "/api/v1/buyers",
            new { buyerId = BuyerId, kind = "budget-unit", name = "压测预算单位", jurisdiction = "shenzhen-yantian" }, true, cancel);
        // Registering the same buyer again is harmless (201); 409 means it exists with other content, which will do.
        if (status is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
            throw new ShowroomApiException($"registering buyer {BuyerId} answered {(int)status}: {body}");
    }

    /// <summary>Reserved units of the benchmark's products.</summary>
    public async Task<long> ReservedAsync(CancellationToken cancel)
    {
        long sum = 0;
        for (var i = 0; i < options.Products; i++) sum += (await StockAsync(ProductId(i), cancel)).Reserved;
        return sum;
    }

    /// <summary>A product's stock; a busy host (503) is asked again for up to a minute.</summary>
    private async Task<ProductView> StockAsync(string productId, CancellationToken cancel)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await client.GetProductAsync(productId, cancel) ?? new ProductView(productId, "", 0, 0, 0, 0);
            }
            catch (ShowroomApiException) when (attempt < 30)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), cancel);
            }
        }
    }

    /// <summary>The open loop: order n due at start + n / rate; latency from its due time to its answer.</summary>
    private async Task<KindStats> SendAsync(ProgressDisplay display, CancellationToken stop)
    {
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 10;
        var measureFrom = start + Schedule.Ticks(options.WarmUp);
        var end = measureFrom + Schedule.Ticks(options.Duration);
        var stats = new KindStats(TrafficKind.Order, options.Rate, measureFrom, end);
        var pending = new List<Task>();
        var interval = Stopwatch.Frequency / (double)options.Rate;
        var lastReport = 0L;
        for (long n = 0; !stop.IsCancellationRequested; n++)
        {
            var due = start + (long)(n * interval);
            if (due >= end || !await Schedule.WaitUntilAsync(due, stop)) break;
            pending.Add(PlaceAsync(stats, n, due));
            if (due - lastReport < Stopwatch.Frequency) continue;
            lastReport = due;
            var p99 = stats.TakeIntervalP99();
            display.Report((due - start) / (double)Stopwatch.Frequency, string.Create(CultureInfo.InvariantCulture,
                $"{(due - start) / (double)Stopwatch.Frequency,5:0}s {(due < measureFrom ? "warm-up" : "measure")} | order {stats.Sent}/{stats.Ok}/{stats.Failed} p99 {(p99 is { } v ? $"{v:0.#}ms" : "-")}"));
        }
        await Task.WhenAll(pending);
        return stats;
    }

    private async Task PlaceAsync(KindStats stats, long n, long due)
    {
        stats.Started(due);
        try
        {
            var body = new ArrayBufferWriter<byte>(256);
            await using (var writer = new Utf8JsonWriter(body)) WriteOrder(writer, n);
            using var request = new HttpRequestMessage(HttpMethod.Post, client.Orders(0)) { Content = new ReadOnlyMemoryContent(body.WrittenMemory) };
            ShowroomClient.AddJsonContentType(request.Content);
            // All load comes from one address: with the operator key its orders are not held to the per-address limit
            // for anonymous orders (docs/LOADGEN.md).
            client.AddOperatorKey(request);
            request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await client.Requests.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            await response.Content.CopyToAsync(Stream.Null);
            var status = (int)response.StatusCode;
            if (status == 201)
            {
                Interlocked.Increment(ref _created);
                stats.Succeeded(due, Stopwatch.GetTimestamp());
            }
            else stats.Failure(due, status);
        }
        catch (Exception e)
        {
            stats.Failure(due, LoadRun.FailureOf(e));
        }
    }

    /// <summary>Order number <paramref name="n"/>: one unit of each of <see cref="OrdersOptions.Lines"/> products in turn.</summary>
    public void WriteOrder(Utf8JsonWriter writer, long n)
    {
        var first = (int)(n % options.Products);
        OrderBody.Write(writer, options.WithBuyer ? BuyerId : null, options.WithSlot ? SlotId(first) : null,
            Enumerable.Range(0, options.Lines).Select(k => (ProductId((first + k) % options.Products), 1)).ToList());
    }
}
