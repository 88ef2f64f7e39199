using System.Text.Json;
using ShowroomActors.Client;

namespace ShowroomActors.ShelfSim;

/// <summary>A screen: reads a slot's display stream and hands each frame over with the moment it arrived.</summary>
public static class ScreenWatcher
{
    public sealed record Frame(long Version, string Mode, string? ProductName, long ArrivedTicks);

    public static async Task WatchAsync(ShowroomClient client, string slotId, Action<Frame> onFrame, CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested)
        {
            try
            {
                await foreach (var message in client.DisplayStreamAsync(slotId, 0, cancel))
                {
                    using var doc = JsonDocument.Parse(message.Data);
                    var frame = doc.RootElement;
                    var product = frame.GetProperty("product");
                    onFrame(new Frame(frame.GetProperty("version").GetInt64(), frame.GetProperty("mode").GetString() ?? "",
                        product.ValueKind == JsonValueKind.Object ? product.GetProperty("name").GetString() : null, message.ArrivedTicks));
                }
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                await Task.Delay(1000, cancel).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
