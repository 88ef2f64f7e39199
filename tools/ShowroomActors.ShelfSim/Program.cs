using System.Globalization;
using System.Security.Cryptography;
using ShowroomActors.ShelfSim;

SimOptions options;
try
{
    options = SimOptions.Parse(args, Environment.GetEnvironmentVariable);
}
catch (HelpRequested)
{
    Console.WriteLine(SimOptions.Usage);
    return 0;
}
catch (UsageException e)
{
    Console.Error.WriteLine($"ShelfSim: {e.Message}");
    Console.Error.WriteLine("Run with --help for the options.");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
var started = DateTimeOffset.UtcNow;
var consoleGate = new object();
void Log(string line)
{
    if (options.Quiet) return;
    lock (consoleGate) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(DateTimeOffset.UtcNow - started).TotalSeconds,7:0.00}s {line}"));
}

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
{
    BaseAddress = options.Url,
    Timeout = Timeout.InfiniteTimeSpan,
};
var client = new ShowroomClient(http, options.OperatorKey);
if (!await client.IsLiveAsync(stop.Token))
{
    Console.Error.WriteLine($"ShelfSim: no ShowroomActors host answers at {options.Url} (GET /health/live). Start it first:");
    Console.Error.WriteLine("  dotnet run --project src/ShowroomActors.Host");
    return 1;
}

// Bind every slot to a product with a fresh key: the simulator becomes its device for this run.
var random = new Random(options.Seed);
var products = (await client.GetJsonAsync("/api/v1/products", stop.Token))?.EnumerateArray().ToList() ?? [];
var runs = new List<SlotRun>();
try
{
    foreach (var (slotId, i) in options.Slots.Select((s, i) => (s, i)))
    {
        var existing = await client.GetJsonAsync($"/api/v1/slots/{Uri.EscapeDataString(slotId)}", stop.Token);
        string productId;
        string deviceId;
        if (existing is { } slot)
        {
            productId = slot.GetProperty("productId").GetString()!;
            deviceId = slot.GetProperty("device") is { ValueKind: System.Text.Json.JsonValueKind.Object } d ? d.GetProperty("deviceId").GetString()! : $"sim-{slotId}";
        }
        else if (products.Count > 0)
        {
            productId = products[i % products.Count].GetProperty("productId").GetString()!;
            deviceId = $"sim-{slotId}";
        }
        else
        {
            Console.Error.WriteLine($"ShelfSim: slot {slotId} does not exist and the showroom has no products to put on it.");
            return 1;
        }

        var product = await client.GetJsonAsync($"/api/v1/products/{Uri.EscapeDataString(productId)}", stop.Token)
            ?? throw new InvalidOperationException($"Product {productId} of slot {slotId} cannot be read.");
        var unit = product.GetProperty("unitWeightGrams").GetInt32();
        var key = "shelfsim-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        await client.BindAsync(slotId, productId, deviceId, key, stop.Token);
        var before = await client.GetJsonAsync($"/api/v1/slots/{Uri.EscapeDataString(slotId)}", stop.Token);
        var run = new SlotRun(new SimulatedShelf(slotId, deviceId, unit, new Random(random.Next())) { StableFor = options.StableFor }, key, client, new Random(random.Next()), Log)
        {
            LiftsBefore = SlotRun.Int(before, "lifts"),
            ReturnsBefore = SlotRun.Int(before, "returns"),
        };
        runs.Add(run);
        Log($"[{slotId}] bound to {productId} ({product.GetProperty("name").GetString()}, {unit} g a unit) as device {deviceId} with a fresh key");
    }
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine($"ShelfSim: {e.Message}");
    return 1;
}

var load = new IngestLoad(client, options.LoadDevices, options.LoadBatch, options.LoadRate);
if (options.LoadDevices > 0 && products.Count == 0)
{
    Console.Error.WriteLine("ShelfSim: the showroom has no products to put on the load slots.");
    return 1;
}
var loadSlots = options.LoadDevices > 0 ? await load.BindAsync(products[0].GetProperty("productId").GetString()!, stop.Token) : [];
Log($"driving {runs.Count} slot(s) for {options.Duration.TotalSeconds:0} s, a reading every {options.ReadingEvery.TotalMilliseconds:0} ms each; watch a screen at {new Uri(options.Url, "/screens/" + runs[0].Shelf.SlotId)}");
using var runFor = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
runFor.CancelAfter(options.Duration);
var rebootAt = DateTimeOffset.UtcNow + options.Duration / 2;
var closeAt = DateTimeOffset.UtcNow + options.Duration - TimeSpan.FromSeconds(Math.Min(8, options.Duration.TotalSeconds / 4));
var watchers = runs.Select(r => ScreenWatcher.WatchAsync(http, r.Shelf.SlotId, r.OnFrame, runFor.Token)).ToList();
var loadRun = load.RunAsync(loadSlots, options.WarmUp, runFor.Token);
var devices = runs.Select((r, i) => r.RunAsync(options.ReadingEvery, i == 0 ? rebootAt : DateTimeOffset.MaxValue, closeAt, runFor.Token)).ToList();
await Task.WhenAll(devices);
await Task.WhenAll(watchers);
await loadRun;

Console.WriteLine();
Console.WriteLine("slot      requests  events  accepted  dup sent/counted  rejected  failed  lifts sim/host  returns sim/host  screens product/idle");
foreach (var r in runs)
{
    var after = await client.GetJsonAsync($"/api/v1/slots/{Uri.EscapeDataString(r.Shelf.SlotId)}", CancellationToken.None);
    var hostLifts = SlotRun.Int(after, "lifts") - r.LiftsBefore;
    var hostReturns = SlotRun.Int(after, "returns") - r.ReturnsBefore;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{r.Shelf.SlotId,-9} {r.Requests,8}  {r.EventsSent,6}  {r.Accepted,8}  {r.DuplicatesSent,8}/{r.DuplicatesCounted,-7}  {r.Rejected,8}  {r.Failures,6}  {r.Shelf.ExpectedLifts,8}/{hostLifts,-5}  {r.Shelf.ExpectedReturns,10}/{hostReturns,-5}  {r.ProductFrames,10}/{r.IdleFrames}"));
}
Console.WriteLine();
Console.WriteLine($"deciding reading sent -> product frame on the screen: {SlotRun.Percentiles(runs.SelectMany(r => r.DecidingPostToFrameMs).ToList())}");
if (options.LoadDevices > 0) Console.WriteLine(load.Summary(options.Duration - options.WarmUp));
Console.WriteLine($"item began to move    -> product frame on the screen: {SlotRun.Percentiles(runs.SelectMany(r => r.LiftToFrameMs).ToList())} (includes the no-motion time)");
return runs.Sum(r => r.Failures) == 0 ? 0 : 1;
