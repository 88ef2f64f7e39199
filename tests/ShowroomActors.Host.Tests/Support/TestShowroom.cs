using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Akka.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ShowroomActors.Actors;
using ShowroomActors.Actors.Configuration;
using ShowroomActors.Host;
using ShowroomActors.Host.Configuration;

namespace ShowroomActors.Host.Tests.Support;

/// <summary>
/// A real host in this process: Kestrel on a free port, a one-node cluster on a free Akka port, and a real
/// SQLite file in a temporary folder. <see cref="RestartAsync"/> stops it and starts a new one on the same file.
/// </summary>
public sealed class TestShowroom : IAsyncDisposable
{
    public const string OperatorKey = "test-operator-key";
    public const string AuditorKey = "test-auditor-key";

    /// <summary>HOCON every test host gets unless its own says otherwise.</summary>
    public const string TestDefaults = "showroom.http.anonymous-orders.permit-limit = 100000";

    private WebApplication? _app;

    private TestShowroom(string dataDir, bool demo, TimeProvider clock, Config? extraConfig, string? postgres, MqttSettings mqtt)
    {
        Mqtt = mqtt;
        Postgres = postgres;
        DataDir = dataDir;
        Demo = demo;
        Clock = clock;
        ExtraConfig = extraConfig;
    }

    public string DataDir { get; }
    /// <summary>MQTT for this host: off unless the test asks for it (never the default port 1883).</summary>
    public MqttSettings Mqtt { get; }
    public bool Demo { get; }
    public TimeProvider Clock { get; }
    public Config? ExtraConfig { get; }
    /// <summary>A PostgreSQL connection string to use instead of the SQLite file, or null.</summary>
    public string? Postgres { get; }
    public HttpClient Client { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public ShowroomSystem System => _app!.Services.GetRequiredService<ShowroomSystem>();
    public IServiceProvider Services => _app!.Services;

    public ShowroomSettings Settings => new()
    {
        DataDir = DataDir,
        AkkaPort = 0,
        PostgresConnection = Postgres,
    };

    public HostSettings HostSettings => new()
    {
        Demo = Demo,
        // A demo host of a test accepts the demo devices' keys, beside the test's own operator and auditor keys.
        UsesDemoKeys = Demo,
        OperatorKey = OperatorKey,
        AuditorKey = AuditorKey,
    };

    /// <summary>Starts a host on a new temporary data folder (or <paramref name="dataDir"/>).</summary>
    public static async Task<TestShowroom> StartAsync(bool demo = false, TimeProvider? clock = null, string? dataDir = null, string? extraHocon = null, string? postgres = null, MqttSettings? mqtt = null)
    {
        dataDir ??= Path.Combine(Path.GetTempPath(), "showroom-tests", Guid.NewGuid().ToString("N"));
        // Tests place many anonymous orders from one address: a test of the limit sets it lower in its own HOCON.
        var extra = ConfigurationFactory.ParseString(extraHocon ?? "").WithFallback(ConfigurationFactory.ParseString(TestDefaults));
        var showroom = new TestShowroom(dataDir, demo, clock ?? TimeProvider.System, extra, postgres, mqtt ?? MqttSettings.Off);
        await showroom.StartAppAsync();
        return showroom;
    }

    private async Task StartAppAsync()
    {
        _app = ShowroomHost.Build(["--urls", "http://127.0.0.1:0"], Settings, HostSettings, Clock, ExtraConfig, Mqtt);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        await _app.Services.GetRequiredService<ShowroomSystem>().WaitUntilUpAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Graceful stop, then a fresh host (new actor system) on the same data folder.</summary>
    public async Task RestartAsync()
    {
        await StopAppAsync();
        await StartAppAsync();
    }

    /// <summary>Stops the host (graceful), keeping the data folder: e.g. to audit the journal offline.</summary>
    public Task StopAsync() => StopAppAsync();

    private async Task StopAppAsync()
    {
        if (_app is null) return;
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAppAsync();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    // ---- HTTP helpers -------------------------------------------------------------------------------

    public HttpRequestMessage Request(HttpMethod method, string path, object? body = null, string? key = OperatorKey)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (body is not null) request.Content = JsonContent.Create(body);
        return request;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? key = OperatorKey) =>
        Client.SendAsync(Request(method, path, body, key));

    public Task<HttpResponseMessage> PostAsync(string path, object? body, string? key = OperatorKey) => SendAsync(HttpMethod.Post, path, body, key);

    public Task<HttpResponseMessage> PutAsync(string path, object? body, string? key = OperatorKey) => SendAsync(HttpMethod.Put, path, body, key);

    public Task<HttpResponseMessage> GetAsync(string path, string? key = OperatorKey) => SendAsync(HttpMethod.Get, path, null, key);

    /// <summary>Posts raw text with a given content type (for malformed JSON and wrong content types).</summary>
    public Task<HttpResponseMessage> PostRawAsync(string path, string content, string contentType = "application/json", string? key = OperatorKey)
    {
        var request = Request(HttpMethod.Post, path, null, key);
        request.Content = new StringContent(content, Encoding.UTF8);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        // Large uploads ask first (Expect: 100-continue), as real clients should: a 413 then arrives before the
        // body is sent, instead of racing a connection reset.
        request.Headers.ExpectContinue = content.Length > 64 * 1024;
        return Client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts the status and an RFC 7807 body naming <paramref name="field"/>; returns the body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, int status, string? field = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"Expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        if (field is not null) Assert.Equal(field, body.GetProperty("field").GetString());
        return body;
    }

    /// <summary>Polls <paramref name="probe"/> until it returns true or <paramref name="timeout"/> passes.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> probe, TimeSpan? timeout = null, string because = "condition")
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            if (await probe()) return;
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting for {because}.");
            await Task.Delay(50);
        }
    }
}
