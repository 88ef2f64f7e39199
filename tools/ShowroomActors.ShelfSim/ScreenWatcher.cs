using System.Diagnostics;
using System.Text.Json;

namespace ShowroomActors.ShelfSim;

/// <summary>A screen: reads a slot's display stream and hands each frame over with the moment it arrived.</summary>
public static class ScreenWatcher
{
    public sealed record Frame(long Version, string Mode, string? ProductName, long ArrivedTicks);

    public static async Task WatchAsync(HttpClient http, string slotId, Action<Frame> onFrame, CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested)
        {
            try
            {
                using var response = await http.GetAsync($"/api/v1/slots/{Uri.EscapeDataString(slotId)}/display/stream",
                    HttpCompletionOption.ResponseHeadersRead, cancel);
                response.EnsureSuccessStatusCode();
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel));
                string? data = null;
                while (await reader.ReadLineAsync(cancel) is { } line)
                {
                    if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line[6..];
                    else if (line.Length == 0 && data is not null)
                    {
                        var arrived = Stopwatch.GetTimestamp();
                        var frame = JsonDocument.Parse(data).RootElement;
                        var product = frame.GetProperty("product");
                        onFrame(new Frame(frame.GetProperty("version").GetInt64(), frame.GetProperty("mode").GetString() ?? "",
                            product.ValueKind == JsonValueKind.Object ? product.GetProperty("name").GetString() : null, arrived));
                        data = null;
                    }
                }
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(1000, cancel).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
