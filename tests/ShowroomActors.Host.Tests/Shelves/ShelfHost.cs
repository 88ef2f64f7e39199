using System.Net;
using System.Net.Http.Json;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.Shelves;

/// <summary>One real host shared by a test class, with shelf timings short enough for tests, and shelf helpers.</summary>
public sealed class ShelfHost : IAsyncLifetime
{
    public const string ShortTimings = """
        showroom.shelves {
          stable-for = 300ms
          display-linger = 400ms
          min-play = 100ms
          sse-keep-alive = 300ms
        }
        """;

    public TestShowroom Showroom { get; private set; } = null!;
    private int _products;

    public async Task InitializeAsync() => Showroom = await StartAsync();

    public async Task DisposeAsync() => await Showroom.DisposeAsync();

    public static Task<TestShowroom> StartAsync(bool demo = false) => TestShowroom.StartAsync(demo: demo, extraHocon: ShortTimings);

    /// <summary>Registers a fresh product (540 g a unit) and binds <paramref name="slotId"/> to it and its device.</summary>
    public Task<string> BindAsync(string slotId, string deviceId, string key) => BindAsync(Showroom, slotId, deviceId, key, $"fuzhu-{Interlocked.Increment(ref _products)}");

    public static async Task<string> BindAsync(TestShowroom showroom, string slotId, string deviceId, string key, string productId)
    {
        var registered = await showroom.PostAsync("/api/v1/products", SampleProducts.Fuzhu(productId));
        Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        var bound = await showroom.PutAsync($"/api/v1/slots/{slotId}", new { productId, deviceId, deviceKey = key });
        Assert.Equal(HttpStatusCode.OK, bound.StatusCode);
        return productId;
    }

    public static object Event(string slotId, string deviceId, long seq, string type, long? weightGrams = null, int? battery = null, long? boot = null, DateTimeOffset? at = null) =>
        new { deviceId, slotId, seq, at = at ?? DateTimeOffset.UtcNow, type, weightGrams, battery, boot };

    public Task<HttpResponseMessage> PostEventsAsync(string key, params object[] events) => PostEventsAsync(Showroom, key, events);

    public static Task<HttpResponseMessage> PostEventsAsync(TestShowroom showroom, string? key, params object[] events)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sensor-events") { Content = JsonContent.Create(new { events }) };
        if (key is not null) request.Headers.Add("X-Device-Key", key);
        return showroom.Client.SendAsync(request);
    }
}
