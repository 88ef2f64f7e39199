using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ShowroomActors.LoadGen;

public sealed record LoadProduct(string ProductId, int UnitWeightGrams, int Available);

public sealed record LoadSlot(string SlotId, string ProductId);

/// <summary>
/// Everything the load needs, set up over the public API with the operator key, idempotently: the tool's own
/// products (with enough stock for the orders of the run), its slots bound to its devices, its probe slots and its
/// budget units with a plan for this year. Every id starts with the prefix, so the demo showroom is left alone, and
/// a second run with the same options records nothing new except the stock it needs (device keys are derived from
/// the prefix, device id and operator key, so binding again changes nothing).
/// </summary>
public sealed class Fixture
{
    /// <summary>Product unit weights in grams: light to heavy, so load cells see different no-motion bands.</summary>
    private static readonly int[] UnitWeights = [250, 500, 1000, 2500, 5000, 400];

    private const int Parallelism = 8;

    public required IReadOnlyList<LoadProduct> Products { get; init; }
    public required IReadOnlyList<LoadSlot> Slots { get; init; }
    public required IReadOnlyList<SensorDevice> Devices { get; init; }
    public required IReadOnlyList<SensorDevice> ProbeDevices { get; init; }
    public required IReadOnlyList<string> Buyers { get; init; }
    /// <summary>The quota year: the calendar year in China Standard Time.</summary>
    public required int Year { get; init; }

    public static string ProductId(string prefix, int n) => string.Create(CultureInfo.InvariantCulture, $"{prefix}-p{n}");
    public static string SlotId(string prefix, int n) => string.Create(CultureInfo.InvariantCulture, $"{prefix}-s{n:0000}");
    public static string DeviceId(string prefix, int n) => string.Create(CultureInfo.InvariantCulture, $"{prefix}-dev{n:0000}");
    public static string ProbeSlotId(string prefix, int n) => string.Create(CultureInfo.InvariantCulture, $"{prefix}-probe{n:00}");
    public static string ProbeDeviceId(string prefix, int n) => string.Create(CultureInfo.InvariantCulture, $"{prefix}-pdev{n:00}");
    public static string BuyerId(string prefix, int n) => string.Create(CultureInfo.InvariantCulture, $"{prefix}-unit{n:000}");

    /// <summary>A device key that stays the same from run to run (so binding again is a no-op) and differs per operator key.</summary>
    public static string DeviceKey(string prefix, string deviceId, string operatorKey) =>
        "lg-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{prefix}\n{deviceId}\n{operatorKey}")))[..32];

    /// <summary>Whether ingest device <paramref name="index"/> (0-based) is an RFID pad: spreads the share evenly.</summary>
    public static bool IsRfid(int index, double rfidShare) => Math.Floor((index + 1) * rfidShare) > Math.Floor(index * rfidShare);

    /// <summary>Units of stock each product needs for the orders of a run, with a margin.</summary>
    public static int StockNeeded(LoadOptions o, int products)
    {
        var seconds = (o.WarmUp + o.Duration).TotalSeconds;
        // A QR order takes one unit; a web order one to three lines of one or two units (three on average).
        var units = (o.Rate(TrafficKind.QrOrder) * 1 + o.Rate(TrafficKind.WebOrder) * 3) * seconds * 1.5;
        return units <= 0 ? 0 : (int)Math.Min(1_000_000, Math.Ceiling(units / products) + 50);
    }

    public static async Task<Fixture> SetUpAsync(LoadOptions o, ShowroomHttp http, Action<string> log, CancellationToken cancel)
    {
        var year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;
        var random = new Random(o.Seed);

        // Products: registering the same body again is a harmless 201.
        var productCount = UnitWeights.Length;
        for (var n = 1; n <= productCount; n++)
        {
            var weight = UnitWeights[n - 1];
            var certified = n % 2 == 1;
            await Expect(http.SendAsync(HttpMethod.Post, "/api/v1/products", new
            {
                productId = ProductId(o.Prefix, n),
                name = string.Create(CultureInfo.InvariantCulture, $"压测商品 {n} (LoadGen, {weight} g)"),
                category = "load-test",
                originCounty = "LoadGen County",
                supplier = "LoadGen Cooperative",
                certifiedPovertyAlleviation = certified,
                certificateNo = certified ? string.Create(CultureInfo.InvariantCulture, $"LG-CERT-{n:000}") : null,
                priceFen = 500L * n + 990,
                unitWeightGrams = weight,
                intro = "A product of the load generator; not for sale.",
                story = "Registered by tools/ShowroomActors.LoadGen to exercise the showroom under load.",
            }, true, cancel), $"registering product {ProductId(o.Prefix, n)}", HttpStatusCode.Created);
        }

        // Orders must name products that exist: read them back from the catalog (a read model: it may lag a little).
        var products = await ReadProductsAsync(o.Prefix, productCount, http, cancel);
        var needed = StockNeeded(o, products.Count);
        var batch = string.Create(CultureInfo.InvariantCulture, $"{o.Prefix}-{DateTime.UtcNow:yyyyMMddHHmmss}-{random.Next(1000):000}");
        for (var i = 0; i < products.Count; i++)
        {
            var p = products[i];
            if (p.Available >= needed) continue;
            var quantity = needed - p.Available;
            await Expect(http.SendAsync(HttpMethod.Post, $"/api/v1/products/{p.ProductId}/stock", new { quantity, batch }, true, cancel),
                $"receiving stock for {p.ProductId}", HttpStatusCode.OK);
            products[i] = p with { Available = needed };
        }

        // Shelf slots, the first of them with an ingest device each.
        var slots = Enumerable.Range(1, o.Slots).Select(n => new LoadSlot(SlotId(o.Prefix, n), products[(n - 1) % products.Count].ProductId)).ToList();
        var devices = new SensorDevice?[o.DeviceCount];
        await Parallel.ForEachAsync(Enumerable.Range(0, o.Slots), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancel },
            async (i, ct) =>
            {
                var slot = slots[i];
                if (i >= o.DeviceCount)
                {
                    await Expect(http.SendAsync(HttpMethod.Put, $"/api/v1/slots/{slot.SlotId}", new { productId = slot.ProductId }, true, ct),
                        $"binding slot {slot.SlotId}", HttpStatusCode.OK);
                    return;
                }
                var deviceId = DeviceId(o.Prefix, i + 1);
                var type = IsRfid(i, o.RfidShare) ? SensorType.Rfid : SensorType.LoadCell;
                var unit = products.First(p => p.ProductId == slot.ProductId).UnitWeightGrams;
                var state = await BindAsync(http, slot.SlotId, slot.ProductId, deviceId, DeviceKey(o.Prefix, deviceId, o.OperatorKey), ct);
                int seed;
                lock (random) seed = random.Next();
                devices[i] = new SensorDevice(slot.SlotId, deviceId, DeviceKey(o.Prefix, deviceId, o.OperatorKey), type, unit,
                    state.Boot, state.NextSeq, state.EstimatedCount, state.Lifted, new Random(seed));
            });

        // Probe slots: RFID devices whose lifts the probes time on the screen stream. An item left out by an
        // interrupted run is put back first, or the screen would stay on the product for up to a minute.
        var probes = new SensorDevice?[o.ProbeSlotCount];
        await Parallel.ForEachAsync(Enumerable.Range(0, o.ProbeSlotCount), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancel },
            async (i, ct) =>
            {
                var slotId = ProbeSlotId(o.Prefix, i + 1);
                var deviceId = ProbeDeviceId(o.Prefix, i + 1);
                var key = DeviceKey(o.Prefix, deviceId, o.OperatorKey);
                var product = products[i % products.Count];
                var state = await BindAsync(http, slotId, product.ProductId, deviceId, key, ct);
                var device = new SensorDevice(slotId, deviceId, key, SensorType.Rfid, product.UnitWeightGrams, state.Boot, state.NextSeq, null, false, new Random(i));
                for (var k = 0; k < state.ItemsOut; k++)
                {
                    var buffer = new System.Buffers.ArrayBufferWriter<byte>();
                    using (var writer = new Utf8JsonWriter(buffer)) device.WriteOne(writer, lifted: false, DateTimeOffset.UtcNow);
                    await Expect(http.SendAsync(HttpMethod.Post, "/api/v1/sensor-events", JsonDocument.Parse(buffer.WrittenMemory).RootElement, false, ct, key),
                        $"putting back the item left out on {slotId}", HttpStatusCode.OK);
                }
                probes[i] = device;
            });

        // Budget units with a plan for this year (an explicit ratio, so the plan does not depend on the host's table).
        await Parallel.ForEachAsync(Enumerable.Range(1, o.Buyers), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancel },
            async (n, ct) =>
            {
                var buyerId = BuyerId(o.Prefix, n);
                await Expect(http.SendAsync(HttpMethod.Post, "/api/v1/buyers",
                    new { buyerId, kind = "budget-unit", name = string.Create(CultureInfo.InvariantCulture, $"压测预算单位 {n} (LoadGen)") }, true, ct),
                    $"registering buyer {buyerId}", HttpStatusCode.Created);
                await Expect(http.SendAsync(HttpMethod.Put, string.Create(CultureInfo.InvariantCulture, $"/api/v1/buyers/{buyerId}/plans/{year}"),
                    new { canteenFoodBudgetFen = 100_000_000L + n * 1_000_000L, reservedRatio = 0.15m, hasCanteen = true }, true, ct),
                    $"declaring the {year} plan of {buyerId}", HttpStatusCode.OK);
            });

        log(string.Create(CultureInfo.InvariantCulture,
            $"set-up: {products.Count} products (at least {products.Min(p => p.Available)} units available each), {slots.Count} slots, {o.DeviceCount} devices ({devices.Count(d => d!.Type == SensorType.Rfid)} RFID), {probes.Length} probe slots, {o.Buyers} budget units with a {year} plan"));
        return new Fixture
        {
            Products = products,
            Slots = slots,
            Devices = devices.Select(d => d!).ToList(),
            ProbeDevices = probes.Select(d => d!).ToList(),
            Buyers = Enumerable.Range(1, o.Buyers).Select(n => BuyerId(o.Prefix, n)).ToList(),
            Year = year,
        };
    }

    private sealed record SlotDevice(long Boot, long NextSeq, int? EstimatedCount, bool Lifted, int ItemsOut);

    /// <summary>Binds (the same product, device and key again changes nothing) and reads where the device's numbering stands.</summary>
    private static async Task<SlotDevice> BindAsync(ShowroomHttp http, string slotId, string productId, string deviceId, string key, CancellationToken cancel)
    {
        await Expect(http.SendAsync(HttpMethod.Put, $"/api/v1/slots/{slotId}", new { productId, deviceId, deviceKey = key }, true, cancel),
            $"binding slot {slotId}", HttpStatusCode.OK);
        var body = await Expect(http.SendAsync(HttpMethod.Get, $"/api/v1/slots/{slotId}", null, false, cancel), $"reading slot {slotId}", HttpStatusCode.OK);
        using var doc = JsonDocument.Parse(body);
        var slot = doc.RootElement;
        var device = slot.GetProperty("device");
        // Go on with the device's own numbering: same boot, next seq (no reboot or gap recorded for the run).
        var boot = device.TryGetProperty("boot", out var b) && b.ValueKind == JsonValueKind.Number ? b.GetInt64() : 0;
        var next = device.TryGetProperty("lastSeq", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt64() + 1 : 0;
        int? count = slot.TryGetProperty("estimatedCount", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : null;
        var lifted = slot.TryGetProperty("lifted", out var l) && l.ValueKind == JsonValueKind.True;
        var lifts = slot.TryGetProperty("lifts", out var lf) && lf.ValueKind == JsonValueKind.Number ? lf.GetInt32() : 0;
        var returns = slot.TryGetProperty("returns", out var rt) && rt.ValueKind == JsonValueKind.Number ? rt.GetInt32() : 0;
        return new SlotDevice(boot, next, count, lifted, lifted ? Math.Max(1, lifts - returns) : 0);
    }

    private static async Task<List<LoadProduct>> ReadProductsAsync(string prefix, int count, ShowroomHttp http, CancellationToken cancel)
    {
        var wanted = Enumerable.Range(1, count).Select(n => ProductId(prefix, n)).ToHashSet(StringComparer.Ordinal);
        for (var attempt = 0; ; attempt++)
        {
            var body = await Expect(http.SendAsync(HttpMethod.Get, "/api/v1/products", null, false, cancel), "reading the catalog", HttpStatusCode.OK);
            using var doc = JsonDocument.Parse(body);
            var found = doc.RootElement.EnumerateArray()
                .Where(p => wanted.Contains(p.GetProperty("productId").GetString() ?? ""))
                .Select(p => new LoadProduct(p.GetProperty("productId").GetString()!, p.GetProperty("unitWeightGrams").GetInt32(),
                    p.TryGetProperty("available", out var a) && a.ValueKind == JsonValueKind.Number ? a.GetInt32() : 0))
                .OrderBy(p => p.ProductId, StringComparer.Ordinal)
                .ToList();
            if (found.Count == count) return found;
            if (attempt == 50)
                throw new SetupException($"the catalog (GET /api/v1/products) shows {found.Count} of the {count} products registered with prefix '{prefix}' after 5 s.");
            await Task.Delay(100, cancel);
        }
    }

    private static async Task<string> Expect(Task<(HttpStatusCode Status, string Body)> call, string what, HttpStatusCode expected)
    {
        var (status, body) = await call;
        if (status != expected)
            throw new SetupException($"{what} answered {(int)status} {status} (expected {(int)expected}): {Shorten(body)}");
        return body;
    }

    private static string Shorten(string text) => text.Length <= 400 ? text : text[..400] + "…";
}

public sealed class SetupException(string message) : Exception(message);
