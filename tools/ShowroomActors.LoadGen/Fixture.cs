using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ShowroomActors.Client;

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

    public static async Task<Fixture> SetUpAsync(LoadOptions o, ShowroomClient http, Action<string> log, CancellationToken cancel)
    {
        var year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;
        var random = new Random(o.Seed);

        // Products: registering the same body again is a harmless 201.
        var productCount = UnitWeights.Length;
        for (var n = 1; n <= productCount; n++)
        {
            var weight = UnitWeights[n - 1];
            var certified = n % 2 == 1;
            await http.RegisterProductAsync(new ProductRegistration(
                ProductId(o.Prefix, n),
                string.Create(CultureInfo.InvariantCulture, $"压测商品 {n} (LoadGen, {weight} g)"),
                "load-test", "LoadGen County", "LoadGen Cooperative", certified,
                certified ? string.Create(CultureInfo.InvariantCulture, $"LG-CERT-{n:000}") : null,
                500L * n + 990, weight,
                "A product of the load generator; not for sale.",
                "Registered by tools/ShowroomActors.LoadGen to exercise the showroom under load."), cancel);
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
            await http.ReceiveStockAsync(p.ProductId, quantity, batch, cancel);
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
                    await http.BindSlotAsync(slot.SlotId, slot.ProductId, null, null, ct);
                    return;
                }
                var deviceId = DeviceId(o.Prefix, i + 1);
                var type = IsRfid(i, o.RfidShare) ? SensorType.Rfid : SensorType.LoadCell;
                var unit = products.First(p => p.ProductId == slot.ProductId).UnitWeightGrams;
                var state = await http.BindSlotAsync(slot.SlotId, slot.ProductId, deviceId, DeviceKey(o.Prefix, deviceId, o.OperatorKey), ct);
                int seed;
                lock (random) seed = random.Next();
                // Go on with the device's own numbering: same boot, next seq (no reboot or gap recorded for the run).
                devices[i] = new SensorDevice(slot.SlotId, deviceId, DeviceKey(o.Prefix, deviceId, o.OperatorKey), type, unit,
                    state.Device?.Boot ?? 0, state.NextSeq, state.EstimatedCount, state.Lifted, new Random(seed));
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
                var state = await http.BindSlotAsync(slotId, product.ProductId, deviceId, key, ct);
                var device = new SensorDevice(slotId, deviceId, key, SensorType.Rfid, product.UnitWeightGrams, state.Device?.Boot ?? 0, state.NextSeq, null, false, new Random(i));
                for (var k = 0; k < state.ItemsOut; k++)
                {
                    var buffer = new System.Buffers.ArrayBufferWriter<byte>();
                    using (var writer = new Utf8JsonWriter(buffer)) device.WriteOne(writer, lifted: false, DateTimeOffset.UtcNow);
                    var (status, _) = await http.PostEventsAsync(key, buffer.WrittenMemory, 0, ct);
                    if (status != 200) throw new ShowroomApiException($"putting back the item left out on {slotId} answered {status}");
                }
                probes[i] = device;
            });

        // Budget units with a plan for this year (an explicit ratio, so the plan does not depend on the host's table).
        await Parallel.ForEachAsync(Enumerable.Range(1, o.Buyers), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancel },
            async (n, ct) =>
            {
                var buyerId = BuyerId(o.Prefix, n);
                await http.RegisterBuyerAsync(buyerId, "budget-unit", string.Create(CultureInfo.InvariantCulture, $"压测预算单位 {n} (LoadGen)"), null, ct);
                await http.DeclarePlanAsync(buyerId, year, 100_000_000L + n * 1_000_000L, 0.15m, ct);
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

    private static async Task<List<LoadProduct>> ReadProductsAsync(string prefix, int count, ShowroomClient http, CancellationToken cancel)
    {
        var wanted = Enumerable.Range(1, count).Select(n => ProductId(prefix, n)).ToHashSet(StringComparer.Ordinal);
        for (var attempt = 0; ; attempt++)
        {
            var found = (await http.GetProductsAsync(cancel))
                .Where(p => wanted.Contains(p.ProductId))
                .Select(p => new LoadProduct(p.ProductId, p.UnitWeightGrams, p.Available))
                .OrderBy(p => p.ProductId, StringComparer.Ordinal)
                .ToList();
            if (found.Count == count) return found;
            if (attempt == 50)
                throw new ShowroomApiException($"the catalog (GET /api/v1/products) shows {found.Count} of the {count} products registered with prefix '{prefix}' after 5 s.");
            await Task.Delay(100, cancel);
        }
    }
}
