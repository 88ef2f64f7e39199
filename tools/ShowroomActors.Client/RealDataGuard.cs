using System.Reflection;
using System.Text.Json;

namespace ShowroomActors.Client;

/// <summary>
/// Tools that drive a showroom (LoadGen, ShelfSim) add products, slots, budget units and orders, and an event store
/// keeps them for good. So before they add anything they look at what the host holds: every product in the catalog
/// and every budget unit in this year's quota report must belong to the demo showroom (the ids of
/// Demo/showroom-demo.json) or to a tool's own namespace (an id prefix). Anything else is real data, and the tool
/// refuses to run unless told so with <c>--allow-real-data</c>.
/// </summary>
public static class RealDataGuard
{
    /// <summary>Id prefixes the tools create: LoadGen's default prefix, ShelfSim's slots, the former OrderBench's.</summary>
    public static readonly IReadOnlyList<string> ToolPrefixes = ["lg-", "SIM-", "LOAD-", "orderbench-"];

    private static readonly Lazy<HashSet<string>> DemoIds = new(LoadDemoIds);

    public static bool IsDemo(string id) => DemoIds.Value.Contains(id);

    /// <summary>True for an id of the demo showroom or of a tool's namespace (<paramref name="extraPrefixes"/> too).</summary>
    public static bool IsDemoOrTool(string id, IEnumerable<string> extraPrefixes) =>
        IsDemo(id) || ToolPrefixes.Concat(extraPrefixes).Any(p => id.StartsWith(p, StringComparison.Ordinal));

    /// <summary>Ids of products and budget units that are neither demo nor tool data (at most a few of each).</summary>
    public static async Task<IReadOnlyList<string>> FindRealDataAsync(ShowroomClient client, IEnumerable<string> extraPrefixes, CancellationToken cancel)
    {
        var prefixes = extraPrefixes.ToList();
        var products = (await client.GetProductsAsync(cancel)).Select(p => p.ProductId);
        var year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;
        var units = await client.GetReportedUnitsAsync(year, cancel);
        return products.Where(id => !IsDemoOrTool(id, prefixes)).Take(5).Select(id => $"product {id}")
            .Concat(units.Where(id => !IsDemoOrTool(id, prefixes)).Take(5).Select(id => $"budget unit {id}"))
            .ToList();
    }

    /// <summary>Throws a <see cref="ShowroomApiException"/> naming what it found, unless <paramref name="allowRealData"/>.</summary>
    public static async Task CheckAsync(ShowroomClient client, string tool, IEnumerable<string> extraPrefixes, bool allowRealData, CancellationToken cancel)
    {
        if (allowRealData) return;
        var real = await FindRealDataAsync(client, extraPrefixes, cancel);
        if (real.Count == 0) return;
        throw new ShowroomApiException(
            $"the showroom at {client.Bases[0]} holds data that is neither the demo showroom's nor a tool's ({string.Join(", ", real)}). " +
            $"{tool} writes into the showroom, and what it writes stays in its journal for good: run it against a host with a throw-away " +
            "SHOWROOM_DATA_DIR (or database), or pass --allow-real-data.");
    }

    private static HashSet<string> LoadDemoIds()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("showroom-demo.json")
            ?? throw new InvalidOperationException("The demo showroom's ids are missing from ShowroomActors.Client.");
        using var doc = JsonDocument.Parse(stream);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (list, field) in new[] { ("products", "productId"), ("slots", "slotId"), ("buyers", "buyerId") })
            foreach (var item in doc.RootElement.GetProperty(list).EnumerateArray())
                ids.Add(item.GetProperty(field).GetString()!);
        return ids;
    }
}
