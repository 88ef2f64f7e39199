using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

// Console page-load benchmark (docs/PERFORMANCE.md): against a running host with the demo showroom, places --orders
// orders through the API (after receiving enough stock), waits until the orders board shows them, signs in to the
// console with the operator key as a browser would (antiforgery token, session cookie), then fetches each console page
// --runs times and prints the median, p95 and slowest full-response time. Exit code 1 when a page's p95 is 1 s or more,
// 2 on bad arguments or a failed request.

var options = Options.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: ConsoleBench --url http://127.0.0.1:5280 --key <operator key> [--orders 10000] [--runs 20] [--concurrency 16]");
    return 2;
}

var cookies = new CookieContainer();
using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = true }) { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(60) };
using var api = new HttpClient { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(60) };
api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Key);

try
{
    var products = (await api.GetFromJsonAsync<JsonElement>("/api/v1/products")).EnumerateArray()
        .Select(p => p.GetProperty("productId").GetString()!).ToList();
    var perProduct = options.Orders / Math.Max(1, products.Count) + 10;
    var batch = "BENCH-" + Guid.NewGuid().ToString("N")[..8];
    foreach (var product in products)
        (await api.PostAsJsonAsync($"/api/v1/products/{product}/stock", new { quantity = perProduct, batch })).EnsureSuccessStatusCode();

    var placing = Stopwatch.StartNew();
    var next = -1;
    string? someOrder = null;
    await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < options.Orders)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
            {
                Content = JsonContent.Create(new { channel = "web", lines = new[] { new { productId = products[i % products.Count], quantity = 1 } } }),
            };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await api.SendAsync(request);
            if (!response.IsSuccessStatusCode) throw new HttpRequestException($"order {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            someOrder ??= (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString();
        }
    }));
    Console.WriteLine($"placed {options.Orders} orders in {placing.Elapsed.TotalSeconds:0.0} s");

    // Sign in as a browser does: the form's antiforgery token, then the key.
    var form = await browser.GetStringAsync("/console/sign-in");
    var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
    using (var signIn = await browser.PostAsync("/console/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
           {
               ["__RequestVerificationToken"] = token,
               ["key"] = options.Key,
           })))
    {
        if (!signIn.IsSuccessStatusCode || signIn.RequestMessage?.RequestUri?.AbsolutePath == "/console/sign-in")
            throw new HttpRequestException($"sign-in failed: {(int)signIn.StatusCode}");
    }

    // The board is a projection: wait until it holds every order.
    var waiting = Stopwatch.StartNew();
    while (true)
    {
        var board = await browser.GetStringAsync("/console/orders");
        var all = Regex.Match(board, "<span class=\"count\">(\\d+)</span>");
        if (all.Success && int.Parse(all.Groups[1].Value, CultureInfo.InvariantCulture) >= options.Orders) break;
        if (waiting.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException("the orders board did not catch up in 5 minutes");
        await Task.Delay(500);
    }
    Console.WriteLine($"orders board caught up {waiting.Elapsed.TotalSeconds:0.0} s after the last order");

    string[] pages =
    [
        "/console/floor",
        "/console/catalog",
        "/console/orders",
        "/console/orders?status=reserved",
        "/console/orders?status=cancelled",
        $"/console/orders?page={Math.Max(1, options.Orders / 50)}",
        $"/console/orders/{someOrder}",
        "/console/quotas",
        "/console/quotas/yantian-gov-office",
    ];
    Console.WriteLine($"{"page",-44} {"median ms",10} {"p95 ms",8} {"max ms",8} {"KB",6}");
    var slow = false;
    foreach (var page in pages)
    {
        var times = new List<double>();
        var bytes = 0;
        for (var run = -3; run < options.Runs; run++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await browser.GetAsync(page);
            var body = await response.Content.ReadAsByteArrayAsync();
            clock.Stop();
            if (response.StatusCode != HttpStatusCode.OK || response.RequestMessage?.RequestUri?.AbsolutePath == "/console/sign-in")
                throw new HttpRequestException($"{page}: {(int)response.StatusCode}");
            bytes = body.Length;
            if (run >= 0) times.Add(clock.Elapsed.TotalMilliseconds); // three warm-up requests first
        }
        times.Sort();
        var p95 = times[(int)Math.Ceiling(times.Count * 0.95) - 1];
        slow |= p95 >= 1000;
        Console.WriteLine($"{page,-44} {times[times.Count / 2],10:0.0} {p95,8:0.0} {times[^1],8:0.0} {bytes / 1024,6}");
    }
    Console.WriteLine(slow ? "FAIL: a page's p95 is 1 s or more" : "PASS: every page's p95 is under 1 s");
    return slow ? 1 : 0;
}
catch (Exception e) when (e is HttpRequestException or TimeoutException or JsonException)
{
    Console.Error.WriteLine($"ConsoleBench: {e.Message}");
    return 2;
}

internal sealed record Options(Uri Url, string Key, int Orders, int Runs, int Concurrency)
{
    public static Options? Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2) values[args[i]] = args[i + 1];
        if (args.Length % 2 != 0 || !values.TryGetValue("--url", out var url) || !values.TryGetValue("--key", out var key)) return null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return null;
        int Number(string name, int fallback) => values.TryGetValue(name, out var text) && int.TryParse(text, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;
        return new Options(uri, key, Number("--orders", 10_000), Number("--runs", 20), Number("--concurrency", 16));
    }
}
