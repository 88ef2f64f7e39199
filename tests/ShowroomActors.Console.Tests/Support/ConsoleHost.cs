using Akka.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ShowroomActors.Actors;
using ShowroomActors.Actors.Configuration;
using ShowroomActors.Host;
using ShowroomActors.Host.Configuration;
using ShowroomActors.Host.Demo;

namespace ShowroomActors.Console.Tests.Support;

/// <summary>
/// A real showroom host for the browser: Kestrel on a free port, a one-node cluster on a free Akka port, the demo
/// showroom on a SQLite file in a temporary folder, and test keys for the operator and the auditor.
/// </summary>
public sealed class ConsoleHost : IAsyncDisposable
{
    public const string OperatorKey = "console-test-operator-key";
    public const string AuditorKey = "console-test-auditor-key";

    private WebApplication? _app;

    private ConsoleHost(string dataDir) => DataDir = dataDir;

    public string DataDir { get; }
    public string SqliteFile => Path.Combine(DataDir, "showroom.db");
    public Uri BaseAddress { get; private set; } = null!;
    public HttpClient Api { get; private set; } = null!;
    public IServiceProvider Services => _app!.Services;

    private Akka.Configuration.Config _extra = Akka.Configuration.Config.Empty;

    public static async Task<ConsoleHost> StartAsync(string? extraHocon = null)
    {
        var host = new ConsoleHost(Path.Combine(Path.GetTempPath(), "showroom-console-tests", Guid.NewGuid().ToString("N")))
        {
            _extra = ConfigurationFactory.ParseString(extraHocon ?? "")
                .WithFallback(ConfigurationFactory.ParseString("showroom.http.anonymous-orders.permit-limit = 100000")),
        };
        await host.StartAppAsync();
        return host;
    }

    /// <summary>Stops the host (its data folder stays) and starts a new one on the same folder: e.g. after editing the journal.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAppAsync();
    }

    private async Task StartAppAsync()
    {
        var settings = new ShowroomSettings { DataDir = DataDir, AkkaPort = 0 };
        var hostSettings = new HostSettings
        {
            Demo = true,
            UsesDemoKeys = true, // the demo devices' keys, beside the test's own operator and auditor keys
            OperatorKey = OperatorKey,
            AuditorKey = AuditorKey,
        };
        _app = ShowroomHost.Build(["--urls", "http://127.0.0.1:0"], settings, hostSettings, TimeProvider.System, _extra, MqttSettings.Off);
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Api = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", OperatorKey);
        await _app.Services.GetRequiredService<ShowroomSystem>().WaitUntilUpAsync(TimeSpan.FromSeconds(30));
        await _app.Services.GetRequiredService<DemoLoader>().Completion.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async Task StopAsync()
    {
        if (_app is null) return;
        Api.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>Posts sensor events as the device <paramref name="deviceId"/> would (its demo key).</summary>
    public Task<HttpResponseMessage> PostSensorEventsAsync(string deviceId, params object[] events)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sensor-events") { Content = System.Net.Http.Json.JsonContent.Create(new { events }) };
        request.Headers.Add("X-Device-Key", "demo-device-key-" + deviceId);
        return Api.SendAsync(request);
    }

    /// <summary>One sensor event of the API's batch format.</summary>
    public static object SensorEvent(string slotId, string deviceId, long seq, string type, long? weightGrams = null, int? battery = null) =>
        new { deviceId, slotId, seq, at = DateTimeOffset.UtcNow, type, weightGrams, battery };

    /// <summary>Polls <paramref name="probe"/> until it returns true or <paramref name="timeout"/> passes.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> probe, string because, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!await probe())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting for {because}.");
            await Task.Delay(100);
        }
    }
}
