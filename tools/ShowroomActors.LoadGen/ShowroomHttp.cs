using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ShowroomActors.LoadGen;

/// <summary>
/// The HTTP side: one pooled <see cref="SocketsHttpHandler"/> for everything, a client with the request timeout for
/// ordinary calls and one without for SSE streams, the base addresses taken in turn, and the request URIs built once
/// so the hot path allocates none.
/// </summary>
public sealed class ShowroomHttp : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly SocketsHttpHandler _handler;
    private readonly Uri[] _sensorEvents;
    private readonly Uri[] _orders;
    private int _next = -1;

    public ShowroomHttp(IReadOnlyList<Uri> bases, int connectionsPerBase, TimeSpan timeout, string operatorKey)
    {
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
        Requests = new HttpClient(_handler, disposeHandler: false) { Timeout = timeout };
        Streams = new HttpClient(_handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        OperatorAuthorization = "Bearer " + operatorKey;
        _sensorEvents = Bases.Select(b => new Uri(b, "/api/v1/sensor-events")).ToArray();
        _orders = Bases.Select(b => new Uri(b, "/api/v1/orders")).ToArray();
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

    /// <summary>True if <c>GET /health/live</c> answers 200 at <paramref name="baseUri"/>.</summary>
    public async Task<bool> IsLiveAsync(Uri baseUri, CancellationToken cancel)
    {
        try
        {
            using var response = await Requests.GetAsync(new Uri(baseUri, "/health/live"), cancel);
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

    /// <summary>A set-up call (not the hot path): JSON body in, status and body text out.</summary>
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

    public void Dispose()
    {
        Requests.Dispose();
        Streams.Dispose();
        _handler.Dispose();
    }
}
