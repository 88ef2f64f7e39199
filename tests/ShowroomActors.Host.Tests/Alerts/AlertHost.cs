using System.Net;
using System.Text.Json;
using ShowroomActors.Host.Tests.Shelves;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.Alerts;

/// <summary>A real host with health limits short enough for tests (offline after 1.5 s, lifted too long after 1 s), and alert helpers.</summary>
public sealed class AlertHost : IAsyncLifetime
{
    public const string ShortLimits = """
        showroom.shelves {
          stable-for = 300ms
          display-linger = 400ms
          min-play = 100ms
          sse-keep-alive = 300ms
          device-offline-after = 1500ms
          lifted-too-long = 1s
          low-stock = 3
        }
        showroom.alerts.webhooks {
          poll-every = 200ms
          retry-base = 300ms
          retry-cap = 1s
          delivery-timeout = 5s
        }
        """;

    /// <summary>Generous: the machine is shared, and the book lags the journal by its refresh interval.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public TestShowroom Showroom { get; private set; } = null!;
    private int _products;

    public async Task InitializeAsync() => Showroom = await TestShowroom.StartAsync(extraHocon: ShortLimits);

    public async Task DisposeAsync() => await Showroom.DisposeAsync();

    public Task<string> BindAsync(string slotId) => ShelfHost.BindAsync(Showroom, slotId, Device(slotId), Key(slotId), $"alert-product-{Interlocked.Increment(ref _products)}");

    public static string Device(string slotId) => $"lc-{slotId}";

    public static string Key(string slotId) => $"key-of-lc-{slotId}";

    public async Task PostAsync(string slotId, params object[] events)
    {
        var answer = await ShelfHost.PostEventsAsync(Showroom, Key(slotId), events);
        Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
    }

    public static object Event(string slotId, long seq, string type, long? grams = null, int? battery = null, DateTimeOffset? at = null) =>
        ShelfHost.Event(slotId, Device(slotId), seq, type, grams, battery, at: at);

    /// <summary>The alerts of a slot in one state, as the API lists them.</summary>
    public static async Task<IReadOnlyList<JsonElement>> AlertsAsync(TestShowroom showroom, string slotId, string state, string key = TestShowroom.AuditorKey)
    {
        var response = await showroom.GetAsync($"/api/v1/alerts?state={state}&slotId={slotId}", key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await TestShowroom.JsonAsync(response)).GetProperty("alerts").EnumerateArray()];
    }

    public Task<IReadOnlyList<JsonElement>> AlertsAsync(string slotId, string state) => AlertsAsync(Showroom, slotId, state);

    /// <summary>Waits until the slot has an alert of <paramref name="kind"/> in <paramref name="state"/>, and returns it.</summary>
    public static async Task<JsonElement> AwaitAlertAsync(TestShowroom showroom, string slotId, string kind, string state)
    {
        JsonElement found = default;
        await TestShowroom.EventuallyAsync(async () =>
        {
            var alerts = await AlertsAsync(showroom, slotId, state);
            var match = alerts.FirstOrDefault(a => a.GetProperty("kind").GetString() == kind);
            found = match;
            return match.ValueKind == JsonValueKind.Object;
        }, Patience, $"a {state} {kind} alert on {slotId}");
        return found;
    }

    public Task<JsonElement> AwaitAlertAsync(string slotId, string kind, string state) => AwaitAlertAsync(Showroom, slotId, kind, state);
}
