using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using ShowroomActors.Application;
using ShowroomActors.Application.Shelves;
using ShowroomActors.Domain.Shelves;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.Api;

/// <summary>
/// <c>GET /api/v1/slots/{slotId}/display/stream</c>: Server-Sent Events, one <c>event: display</c> frame per display
/// version (<c>id:</c> = version, <c>data:</c> = the display JSON), from a <see cref="DisplayWatch"/>. The first frame
/// is the current state, unless the client resumes with <c>Last-Event-ID</c> equal to it; frames never go backwards.
/// Comment lines keep an idle stream open; the subscription ends with the connection.
/// </summary>
public static class DisplayStream
{
    public static async Task<IResult> RunAsync(string slotId, HttpContext http, DisplayFeed feed, string orderUrl)
    {
        var cancel = http.RequestAborted;
        var opened = await feed.WatchAsync(slotId, cancel);
        if (!opened.IsAccepted) return Problems.From(opened.Rejection);
        using var watch = opened.Value;
        try
        {
            var response = http.Response;
            response.ContentType = "text/event-stream; charset=utf-8";
            response.Headers.CacheControl = "no-cache";
            response.Headers["X-Accel-Buffering"] = "no";
            http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await WriteAsync(response, "retry: 2000\n\n", cancel);

            var keepAlive = http.RequestServices.GetRequiredService<Actors.ShowroomSystem>().Shelves.KeepAlive;
            await using var frames = watch.FramesAsync(LastEventId(http.Request), cancel).GetAsyncEnumerator(cancel);
            var next = frames.MoveNextAsync().AsTask();
            while (true)
            {
                var tick = Task.Delay(keepAlive, cancel);
                if (await Task.WhenAny(next, tick) == tick)
                {
                    cancel.ThrowIfCancellationRequested();
                    await WriteAsync(response, ": keep-alive\n\n", cancel);
                    continue;
                }
                if (!await next) break;
                await WriteFrameAsync(response, frames.Current, orderUrl, cancel);
                next = frames.MoveNextAsync().AsTask();
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The screen went away.
        }
        return Results.Empty;
    }

    /// <summary>The version the client last saw (header, or <c>?lastEventId=</c> for clients that cannot set headers).</summary>
    private static long? LastEventId(HttpRequest request)
    {
        var text = request.Headers["Last-Event-ID"].ToString();
        if (string.IsNullOrEmpty(text)) text = request.Query["lastEventId"].ToString();
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    private static Task WriteFrameAsync(HttpResponse response, SlotDisplay display, string orderUrl, CancellationToken cancel)
    {
        // JSON escapes line breaks, so a frame's data is always one line.
        var data = JsonSerializer.Serialize(DisplayResponse.From(display, orderUrl), ApiJson.Options);
        return WriteAsync(response, string.Create(CultureInfo.InvariantCulture, $"event: display\nid: {display.Version}\ndata: {data}\n\n"), cancel);
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancel)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancel);
        await response.Body.FlushAsync(cancel);
    }
}
