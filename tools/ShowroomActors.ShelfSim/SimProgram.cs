using System.Globalization;
using System.Security.Cryptography;
using ShowroomActors.Client;
using ShowroomActors.Client.Cli;

namespace ShowroomActors.ShelfSim;

/// <summary>
/// The simulator's run: set up the slots (the demo's driven with their own keys, the simulator's own bound by it),
/// drive them and the optional load, watch the screens, then print what the host counted against what was simulated.
/// </summary>
public static class SimProgram
{
    public static async Task<int> RunAsync(SimOptions options, CancellationToken stop)
    {
        var started = DateTimeOffset.UtcNow;
        var consoleGate = new object();
        void Log(string line)
        {
            if (options.Quiet) return;
            lock (consoleGate) ProgressDisplay.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(DateTimeOffset.UtcNow - started).TotalSeconds,7:0.00}s {line}"));
        }

        using var client = new ShowroomClient([options.Url], options.OperatorKey, connectionsPerBase: 1024, Timeout.InfiniteTimeSpan);
        if (!await client.IsLiveAsync(options.Url, stop))
        {
            Console.Error.WriteLine($"ShelfSim: no ShowroomActors host answers at {options.Url} (GET /health/live). Start it first:");
            Console.Error.WriteLine("  dotnet run --project src/ShowroomActors.Host");
            return 1;
        }

        var random = new Random(options.Seed);
        List<SlotRun> runs;
        IReadOnlyList<(string SlotId, string DeviceId, string Key)> loadSlots;
        var load = new IngestLoad(client, options.LoadDevices, options.LoadBatch, options.LoadRate);
        try
        {
            await RealDataGuard.CheckAsync(client, "ShelfSim", [], options.AllowRealData, stop);
            var products = await client.GetProductsAsync(stop);
            runs = [];
            foreach (var (slotId, i) in options.Slots.Select((s, i) => (s, i)))
                runs.Add(await SetUpSlotAsync(client, options, slotId, products, i, new Random(random.Next()), Log, stop));
            if (options.LoadDevices > 0 && products.Count == 0) throw new ShowroomApiException("the showroom has no products to put on the load slots.");
            loadSlots = options.LoadDevices > 0 ? await load.BindAsync(products[0].ProductId, stop) : [];
        }
        catch (Exception e) when (e is ShowroomApiException or HttpRequestException)
        {
            Console.Error.WriteLine($"ShelfSim: {e.Message}");
            return 1;
        }

        Log($"driving {runs.Count} slot(s) for {options.Duration.TotalSeconds:0} s, a reading every {options.ReadingEvery.TotalMilliseconds:0} ms each; watch a screen at {new Uri(options.Url, "/screens/" + runs[0].Shelf.SlotId)}");
        using var runFor = CancellationTokenSource.CreateLinkedTokenSource(stop);
        runFor.CancelAfter(options.Duration);
        var rebootAt = DateTimeOffset.UtcNow + options.Duration / 2;
        var closeAt = DateTimeOffset.UtcNow + options.Duration - TimeSpan.FromSeconds(Math.Min(8, options.Duration.TotalSeconds / 4));
        await ProgressDisplay.RunAsync("shelves", options.Duration.TotalSeconds, options.Progress && (options.Quiet || ProgressDisplay.Interactive), async display =>
        {
            using var ticker = new PeriodicTimer(TimeSpan.FromSeconds(1));
            var watchers = runs.Select(r => ScreenWatcher.WatchAsync(client, r.Shelf.SlotId, r.OnFrame, runFor.Token)).ToList();
            var loadRun = load.RunAsync(loadSlots, options.WarmUp, runFor.Token);
            var devices = runs.Select((r, i) => r.RunAsync(options.ReadingEvery, i == 0 ? rebootAt : DateTimeOffset.MaxValue, closeAt, runFor.Token)).ToList();
            var all = Task.WhenAll(devices.Concat(watchers).Append(loadRun));
            while (!all.IsCompleted)
            {
                await Task.WhenAny(all, Task.Delay(1000, CancellationToken.None));
                var elapsed = (DateTimeOffset.UtcNow - started).TotalSeconds;
                display.Report(elapsed, string.Create(CultureInfo.InvariantCulture, $"{elapsed:0}s | requests {runs.Sum(r => r.Requests)} | screens {runs.Sum(r => r.ProductFrames)} product / {runs.Sum(r => r.IdleFrames)} idle"));
            }
            await all;
        });

        Console.WriteLine();
        Console.WriteLine("slot      requests  events  accepted  dup sent/counted  rejected  failed  lifts sim/host  returns sim/host  screens product/idle");
        foreach (var r in runs)
        {
            var after = await client.GetSlotAsync(r.Shelf.SlotId, CancellationToken.None);
            var hostLifts = (after?.Lifts ?? 0) - r.LiftsBefore;
            var hostReturns = (after?.Returns ?? 0) - r.ReturnsBefore;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Shelf.SlotId,-9} {r.Requests,8}  {r.EventsSent,6}  {r.Accepted,8}  {r.DuplicatesSent,8}/{r.DuplicatesCounted,-7}  {r.Rejected,8}  {r.Failures,6}  {r.Shelf.ExpectedLifts,8}/{hostLifts,-5}  {r.Shelf.ExpectedReturns,10}/{hostReturns,-5}  {r.ProductFrames,10}/{r.IdleFrames}"));
        }
        Console.WriteLine();
        foreach (var run in runs)
            if (run.Link is not null) await run.Link.DisposeAsync();
        Console.WriteLine($"deciding reading sent ({(options.Mqtt is null ? "HTTP" : "MQTT")}) -> product frame on the screen: {Latencies.Summary(runs.Select(r => r.DecidingPostToFrame))}");
        if (options.LoadDevices > 0) Console.WriteLine(load.Summary(options.Duration - options.WarmUp));
        Console.WriteLine($"item began to move    -> product frame on the screen: {Latencies.Summary(runs.Select(r => r.LiftToFrame))} (includes the no-motion time)");
        return runs.Sum(r => r.Failures) == 0 ? 0 : 1;
    }

    /// <summary>
    /// A slot the simulator drives as its device. The demo's slots (and any slot with a device) keep their binding:
    /// the simulator speaks as that device with its key (the demo's <c>demo-device-key-{deviceId}</c>, or
    /// <c>--device-key</c>), starting a new boot. Its own slots (SIM-…) it binds itself, to the slot's product or the
    /// showroom's products in turn, with a fresh key. Any other slot is re-bound only with <c>--rebind</c>.
    /// </summary>
    private static async Task<SlotRun> SetUpSlotAsync(ShowroomClient client, SimOptions options, string slotId, IReadOnlyList<ProductView> products,
        int index, Random random, Action<string> log, CancellationToken stop)
    {
        var existing = await client.GetSlotAsync(slotId, stop);
        var own = SimOptions.IsOwnSlot(slotId);
        var productId = existing?.ProductId
            ?? (products.Count > 0 ? products[index % products.Count].ProductId : throw new ShowroomApiException($"slot {slotId} does not exist and the showroom has no products to put on it."));
        var product = await client.GetProductAsync(productId, stop) ?? throw new ShowroomApiException($"product {productId} of slot {slotId} cannot be read.");
        string deviceId, key;
        if (!own && existing?.Device is { } device && !options.Rebind)
        {
            deviceId = device.DeviceId;
            key = options.DeviceKey ?? $"demo-device-key-{deviceId}";
        }
        else if (!own && existing is not null && !options.Rebind)
        {
            throw new ShowroomApiException($"slot {slotId} has no sensor device; the simulator binds only its own slots (SIM-…). Pass --rebind to bind {slotId} to a simulated device.");
        }
        else
        {
            deviceId = existing?.Device?.DeviceId ?? $"sim-{slotId}";
            key = "shelfsim-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
            await client.BindSlotAsync(slotId, productId, deviceId, key, stop);
            if (!own) log($"[{slotId}] re-bound to a fresh key (--rebind): its real device {deviceId} stops working until an operator binds it again");
        }

        var shelf = new SimulatedShelf(slotId, deviceId, product.UnitWeightGrams, new Random(random.Next())) { StableFor = options.StableFor };
        var (status, _) = await client.PostEventsAsync(key, [shelf.Heartbeat(DateTimeOffset.UtcNow)], stop);
        if (status == 401)
            throw new ShowroomApiException($"the device {deviceId} of slot {slotId} does not take the key {(options.DeviceKey is null ? "demo-device-key-" + deviceId + " (the demo's)" : "given with --device-key")}; pass its key with --device-key, or --rebind to give the slot a simulated device of its own.");
        if (status != 200) throw new ShowroomApiException($"the first heartbeat of {deviceId} on slot {slotId} answered {status}.");
        var before = await client.GetSlotAsync(slotId, stop);
        log($"[{slotId}] {(own || options.Rebind ? "bound" : "driven as its device")} {deviceId} with {product.Name} ({product.UnitWeightGrams} g a unit)");
        if (options.Mqtt is { } mqtt)
        {
            var link = await MqttLink.ConnectAsync(mqtt.Host, mqtt.Port, deviceId, key, stop);
            log($"[{slotId}] {deviceId} speaks MQTT to {mqtt.Host}:{mqtt.Port}");
            return new SlotRun(shelf, link.SendAsync, new Random(random.Next()), log)
            {
                Link = link,
                LiftsBefore = before?.Lifts ?? 0,
                ReturnsBefore = before?.Returns ?? 0,
            };
        }
        return new SlotRun(shelf, (events, cancel) => client.PostEventsAsync(key, events, cancel), new Random(random.Next()), log)
        {
            LiftsBefore = before?.Lifts ?? 0,
            ReturnsBefore = before?.Returns ?? 0,
        };
    }
}
