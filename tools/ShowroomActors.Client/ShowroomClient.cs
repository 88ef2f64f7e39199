using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShowroomActors.Client;

/// <summary>
/// The typed HTTP client every tool uses for the showroom's API (docs/API.md). One pooled
/// <see cref="SocketsHttpHandler"/> serves a client with the request timeout (<see cref="Requests"/>) and one without
/// for SSE streams (<see cref="Streams"/>); several base addresses (a cluster) are taken in turn, and the hot paths'
/// request URIs are built once. Set-up calls are typed and throw <see cref="ShowroomApiException"/> naming the call
/// and the host's answer; load paths send prepared bodies and only count what comes back.
/// </summary>
public sealed class ShowroomClient : IDisposable
{
    public const string DemoOperatorKey = "demo-operator-key";

    /// <summary>Web defaults; fields left null (a weight an RFID pad does not send) are left out.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly SocketsHttpHandler _handler;
    private readonly Uri[] _sensorEvents;
    private readonly Uri[] _orders;
    private int _next = -1;

    public ShowroomClient(IReadOnlyList<Uri> bases, string operatorKey, int connectionsPerBase = 256, TimeSpan? timeout = null)
    {
        if (bases.Count == 0) throw new ArgumentException("At least one base address is needed.", nameof(bases));
        Bases = [.. bases];
        _handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connectionsPerBase,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            UseCookies = false,
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        Requests = new HttpClient(_handler, disposeHandler: false) { Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        Streams = new HttpClient(_handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        OperatorAuthorization = "Bearer " + operatorKey;
        _sensorEvents = PerBase("/api/v1/sensor-events");
        _orders = PerBase("/api/v1/orders");
    }

    public Uri[] Bases { get; }
    /// <summary>For requests: times out after the configured timeout.</summary>
    public HttpClient Requests { get; }
    /// <summary>For SSE streams: no timeout.</summary>
    public HttpClient Streams { get; }
    public string OperatorAuthorization { get; }

    /// <summary>The next base address in turn (an index into <see cref="Bases"/>).</summary>
    public int NextBase() => Bases.Length == 1 ? 0 : (int)((uint)Interlocked.Increment(ref _next) % (uint)Bases.Length);

    public Uri SensorEvents(int baseIndex) => _sensorEvents[baseIndex];
    public Uri Orders(int baseIndex) => _orders[baseIndex];

    /// <summary>One URI per base address for a path, built once.</summary>
    public Uri[] PerBase(string path) => Bases.Select(b => new Uri(b, path)).ToArray();

    public static void AddJsonContentType(HttpContent content) =>
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json");

    public void AddOperatorKey(HttpRequestMessage request) =>
        request.Headers.TryAddWithoutValidation("Authorization", OperatorAuthorization);

    // ---- health ---------------------------------------------------------------------------------------

    /// <summary>True if <c>GET /health/live</c> answers 200 at <paramref name="baseUri"/> (default: the first base).</summary>
    public Task<bool> IsLiveAsync(Uri? baseUri, CancellationToken cancel) => AnswersAsync(baseUri, "/health/live", cancel);

    /// <summary>True if <c>GET /health/ready</c> answers 200: the node is an Up cluster member and its journal answers.</summary>
    public Task<bool> IsReadyAsync(Uri? baseUri, CancellationToken cancel) => AnswersAsync(baseUri, "/health/ready", cancel);

    private async Task<bool> AnswersAsync(Uri? baseUri, string path, CancellationToken cancel)
    {
        try
        {
            using var response = await Requests.GetAsync(new Uri(baseUri ?? Bases[0], path), cancel);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return false;
        }
    }

    // ---- set-up calls, typed ------------------------------------------------------------------------

    public async Task<IReadOnlyList<ProductView>> GetProductsAsync(CancellationToken cancel) =>
        Parse<List<ProductView>>(await ExpectAsync(SendAsync(HttpMethod.Get, "/api/v1/products", null, false, cancel), "reading the catalog", HttpStatusCode.OK));

    /// <summary>The product, or null when the host does not know it.</summary>
    public async Task<ProductView?> GetProductAsync(string productId, CancellationToken cancel)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, $"/api/v1/products/{Uri.EscapeDataString(productId)}", null, false, cancel);
        return status == HttpStatusCode.NotFound ? null : Parse<ProductView>(Checked(status, body, $"reading product {productId}", HttpStatusCode.OK));
    }

    /// <summary>Registers a product; the same body again is harmless.</summary>
    public Task RegisterProductAsync(ProductRegistration product, CancellationToken cancel) =>
        ExpectAsync(SendAsync(HttpMethod.Post, "/api/v1/products", product, true, cancel), $"registering product {product.ProductId}", HttpStatusCode.Created);

    public Task ReceiveStockAsync(string productId, int quantity, string batch, CancellationToken cancel) =>
        ExpectAsync(SendAsync(HttpMethod.Post, $"/api/v1/products/{Uri.EscapeDataString(productId)}/stock", new { quantity, batch }, true, cancel),
            $"receiving stock for {productId}", HttpStatusCode.OK);

    /// <summary>The slot, or null when it is not set up.</summary>
    public async Task<SlotView?> GetSlotAsync(string slotId, CancellationToken cancel)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, $"/api/v1/slots/{Uri.EscapeDataString(slotId)}", null, false, cancel);
        return status == HttpStatusCode.NotFound ? null : Parse<SlotView>(Checked(status, body, $"reading slot {slotId}", HttpStatusCode.OK));
    }

    /// <summary>Puts a product on a slot and binds its device (both or neither); the same binding again changes nothing.</summary>
    public async Task<SlotView> BindSlotAsync(string slotId, string productId, string? deviceId, string? deviceKey, CancellationToken cancel) =>
        Parse<SlotView>(await ExpectAsync(SendAsync(HttpMethod.Put, $"/api/v1/slots/{Uri.EscapeDataString(slotId)}",
            new { productId, deviceId, deviceKey }, true, cancel), $"binding slot {slotId}", HttpStatusCode.OK));

    public Task RegisterBuyerAsync(string buyerId, string kind, string name, string? jurisdiction, CancellationToken cancel) =>
        ExpectAsync(SendAsync(HttpMethod.Post, "/api/v1/buyers", new { buyerId, kind, name, jurisdiction }, true, cancel),
            $"registering buyer {buyerId}", HttpStatusCode.Created);

    public Task DeclarePlanAsync(string buyerId, int year, long canteenFoodBudgetFen, decimal? reservedRatio, CancellationToken cancel) =>
        ExpectAsync(SendAsync(HttpMethod.Put, $"/api/v1/buyers/{Uri.EscapeDataString(buyerId)}/plans/{year}",
            new { canteenFoodBudgetFen, reservedRatio, hasCanteen = true }, true, cancel), $"declaring the {year} plan of {buyerId}", HttpStatusCode.OK);

    /// <summary>The ids of the budget units in the quota report of <paramref name="year"/> (operator).</summary>
    public async Task<IReadOnlyList<string>> GetReportedUnitsAsync(int year, CancellationToken cancel)
    {
        var body = await ExpectAsync(SendAsync(HttpMethod.Get, $"/api/v1/reports/quota/{year}", null, true, cancel), "reading the quota report", HttpStatusCode.OK);
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("unitId").GetString() ?? "").ToList();
    }

    // ---- device and order traffic ---------------------------------------------------------------------

    /// <summary>Posts a prepared sensor batch body with the device key; the status and, for a 200, the parsed answer.</summary>
    public async Task<(int Status, IngestAnswer? Answer)> PostEventsAsync(string deviceKey, ReadOnlyMemory<byte> body, int baseIndex, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, SensorEvents(baseIndex)) { Content = new ReadOnlyMemoryContent(body) };
        AddJsonContentType(request.Content);
        request.Headers.TryAddWithoutValidation("X-Device-Key", deviceKey);
        using var response = await Requests.SendAsync(request, cancel);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancel);
        var status = (int)response.StatusCode;
        return (status, status == 200 && IngestAnswer.TryParse(bytes, out var answer) ? answer : null);
    }

    /// <summary>Posts a prepared sensor batch where only the status counts (sustained load): the answer is read, not parsed.</summary>
    public async Task<int> PostEventsStatusAsync(string deviceKey, ReadOnlyMemory<byte> body, int baseIndex, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, SensorEvents(baseIndex)) { Content = new ReadOnlyMemoryContent(body) };
        AddJsonContentType(request.Content);
        request.Headers.TryAddWithoutValidation("X-Device-Key", deviceKey);
        using var response = await Requests.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
        await response.Content.CopyToAsync(Stream.Null, cancel);
        return (int)response.StatusCode;
    }

    /// <summary>Serializes <paramref name="events"/> as <c>{"events":[…]}</c> (nulls left out) and posts them.</summary>
    public Task<(int Status, IngestAnswer? Answer)> PostEventsAsync<T>(string deviceKey, IReadOnlyList<T> events, CancellationToken cancel) =>
        PostEventsAsync(deviceKey, JsonSerializer.SerializeToUtf8Bytes(new { events }, Json), NextBase(), cancel);

    /// <summary>The display frames of a slot's SSE stream until the stream ends or <paramref name="cancel"/> fires.</summary>
    public async IAsyncEnumerable<SseEvent> DisplayStreamAsync(string slotId, int baseIndex, [EnumeratorCancellation] CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Bases[baseIndex], $"/api/v1/slots/{Uri.EscapeDataString(slotId)}/display/stream"));
        request.Headers.TryAddWithoutValidation("Accept", "text/event-stream");
        using var response = await Streams.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"The display stream of {slotId} answered {(int)response.StatusCode}.", null, response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync(cancel);
        await foreach (var message in SseReader.ReadAsync(stream, cancel: cancel))
            if (message.Event == "display") yield return message;
    }

    // ---- plumbing -----------------------------------------------------------------------------------

    /// <summary>A call with a JSON body (or none) to the first base address: the status and the body text.</summary>
    public async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, object? body, bool asOperator,
        CancellationToken cancel, string? deviceKey = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(Bases[0], path));
        if (body is not null)
            request.Content = new StringContent(JsonSerializer.Serialize(body, Json), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        if (asOperator) AddOperatorKey(request);
        if (deviceKey is not null) request.Headers.TryAddWithoutValidation("X-Device-Key", deviceKey);
        using var response = await Requests.SendAsync(request, cancel);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancel));
    }

    /// <summary>The body of a call that must answer <paramref name="expected"/>; otherwise a <see cref="ShowroomApiException"/>.</summary>
    public static async Task<string> ExpectAsync(Task<(HttpStatusCode Status, string Body)> call, string what, HttpStatusCode expected)
    {
        var (status, body) = await call;
        return Checked(status, body, what, expected);
    }

    private static string Checked(HttpStatusCode status, string body, string what, HttpStatusCode expected) =>
        status == expected
            ? body
            : throw new ShowroomApiException($"{what} answered {(int)status} {status} (expected {(int)expected}): {(body.Length <= 400 ? body : body[..400] + "…")}");

    private static T Parse<T>(string body) => JsonSerializer.Deserialize<T>(body, Json) ?? throw new ShowroomApiException($"Unexpected answer: {body}");

    public void Dispose()
    {
        Requests.Dispose();
        Streams.Dispose();
        _handler.Dispose();
    }
}
