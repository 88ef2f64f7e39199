using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ShowroomActors.ShelfSim;

/// <summary>The few host calls the simulator makes.</summary>
public sealed class ShowroomClient(HttpClient http, string operatorKey)
{
    /// <summary>Web defaults; fields a device would not send (a weight on an RFID pad, a battery it did not report) are left out.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public HttpClient Http => http;

    public async Task<bool> IsLiveAsync(CancellationToken cancel)
    {
        try
        {
            using var response = await http.GetAsync("/health/live", cancel);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public async Task<JsonElement?> GetJsonAsync(string path, CancellationToken cancel)
    {
        using var response = await http.GetAsync(path, cancel);
        if (!response.IsSuccessStatusCode) return null;
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancel)).RootElement.Clone();
    }

    /// <summary>Binds the slot to the product and device with the key; throws with the host's problem text on failure.</summary>
    public async Task BindAsync(string slotId, string productId, string deviceId, string deviceKey, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/slots/{Uri.EscapeDataString(slotId)}")
        {
            Content = JsonContent.Create(new { productId, deviceId, deviceKey }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", operatorKey);
        using var response = await http.SendAsync(request, cancel);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Binding {slotId} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancel)}");
    }

    /// <summary>Posts device events; returns the status and the parsed answer (or problem).</summary>
    public async Task<(int Status, JsonElement Body)> PostEventsAsync(string deviceKey, IReadOnlyList<DeviceEvent> events, CancellationToken cancel)
    {
        using var response = await SendEventsAsync(deviceKey, events, cancel);
        var text = await response.Content.ReadAsStringAsync(cancel);
        return ((int)response.StatusCode, JsonDocument.Parse(text.Length == 0 ? "{}" : text).RootElement.Clone());
    }

    /// <summary>Posts device events for the sustained load, where only the status counts: the answer is not parsed.</summary>
    public async Task<int> PostEventsStatusAsync(string deviceKey, IReadOnlyList<DeviceEvent> events, CancellationToken cancel)
    {
        using var response = await SendEventsAsync(deviceKey, events, cancel);
        return (int)response.StatusCode;
    }

    /// <summary>
    /// The body goes as bytes with a Content-Length, as a device's firmware sends it, not chunked: the simulator
    /// shares the machine with the host it measures, so it spends as little as it can per request.
    /// </summary>
    private async Task<HttpResponseMessage> SendEventsAsync(string deviceKey, IReadOnlyList<DeviceEvent> events, CancellationToken cancel)
    {
        var body = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(new { events }, Json));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sensor-events") { Content = body };
        request.Headers.Add("X-Device-Key", deviceKey);
        return await http.SendAsync(request, cancel);
    }
}
