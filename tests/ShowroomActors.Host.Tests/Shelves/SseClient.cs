using System.Text.Json;

namespace ShowroomActors.Host.Tests.Shelves;

/// <summary>A real streaming HTTP client for a display (or alert) stream: reads frames, keep-alive events and comments as they arrive.</summary>
public sealed class SseClient : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;
    private readonly CancellationTokenSource _stop = new();

    private SseClient(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public HttpResponseMessage Response => _response;
    public List<string> Comments { get; } = [];

    /// <summary>The data of every <c>keep-alive</c> event read so far.</summary>
    public List<JsonElement> KeepAlives { get; } = [];

    public static async Task<SseClient> OpenAsync(HttpClient client, string path, string? lastEventId = null, string? bearerKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        if (bearerKey is not null) request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearerKey);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var stream = await response.Content.ReadAsStreamAsync();
        return new SseClient(response, new StreamReader(stream));
    }

    /// <summary>The next <paramref name="eventName"/> frame: its id and data, or a failure after <paramref name="timeout"/>.</summary>
    public async Task<(long Id, JsonElement Data)> NextAsync(TimeSpan? timeout = null, string eventName = "display")
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(5));
        string? evt = null, id = null, data = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(cts.Token) ?? throw new EndOfStreamException("The stream ended.");
            if (line.Length == 0)
            {
                if (evt == eventName && id is not null && data is not null)
                    return (long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), JsonDocument.Parse(data).RootElement.Clone());
                if (evt == "keep-alive" && data is not null) KeepAlives.Add(JsonDocument.Parse(data).RootElement.Clone());
                evt = id = data = null;
                continue;
            }
            if (line.StartsWith(':')) Comments.Add(line);
            else if (line.StartsWith("event: ", StringComparison.Ordinal)) evt = line[7..];
            else if (line.StartsWith("id: ", StringComparison.Ordinal)) id = line[4..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line[6..];
        }
    }

    /// <summary>True when no display frame arrives within <paramref name="quiet"/>.</summary>
    public async Task<bool> StaysQuietAsync(TimeSpan quiet)
    {
        try
        {
            await NextAsync(quiet);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _reader.Dispose();
        _response.Dispose();
        _stop.Dispose();
    }
}
