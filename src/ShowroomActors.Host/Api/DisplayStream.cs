using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Channels;
using Akka.Actor;
using Microsoft.AspNetCore.Http.Features;
using ShowroomActors.Actors;
using ShowroomActors.Actors.Shelves;
using ShowroomActors.Domain.Shelves;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.Api;

/// <summary>
/// <c>GET /api/v1/slots/{slotId}/display/stream</c>: Server-Sent Events, one <c>event: display</c> frame per display
/// version (<c>id:</c> = version, <c>data:</c> = the display JSON). Subscribes to the slot's DistributedPubSub topic
/// first and reads the current state second, so no change can fall between them. The first frame is the current state,
/// unless the client resumes with <c>Last-Event-ID</c> equal to it; frames never go backwards. Comment lines keep an
/// idle stream open; the subscription ends with the connection.
/// </summary>
public static class DisplayStream
{
    // Chinese text as itself, not \uXXXX: a third of the bytes on every frame. JSON escapes line breaks, so a frame's
    // data is always one line.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<IResult> RunAsync(string slotId, HttpContext http, ShowroomSystem showroom, string orderUrl)
    {
        var cancel = http.RequestAborted;
        var updates = Channel.CreateUnbounded<SlotDisplay>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscriber = showroom.System.ActorOf(DisplaySubscriber.Props(showroom.PubSub, slotId, updates.Writer, subscribed));
        try
        {
            await subscribed.Task.WaitAsync(showroom.AskTimeout, cancel);
            var current = await showroom.AskForAsync<SlotDisplay>(showroom.Slots, new GetDisplay(slotId), cancel);

            var response = http.Response;
            response.ContentType = "text/event-stream; charset=utf-8";
            response.Headers.CacheControl = "no-cache";
            response.Headers["X-Accel-Buffering"] = "no";
            http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await WriteAsync(response, "retry: 2000\n\n", cancel);

            var sent = LastEventId(http.Request);
            if (sent != current.Version)
            {
                await WriteFrameAsync(response, current, orderUrl, cancel);
                sent = current.Version;
            }

            var keepAlive = showroom.Shelves.KeepAlive;
            var reader = updates.Reader;
            var waiting = reader.WaitToReadAsync(cancel).AsTask();
            var tick = Task.Delay(keepAlive, cancel);
            while (true)
            {
                if (await Task.WhenAny(waiting, tick) == tick)
                {
                    cancel.ThrowIfCancellationRequested();
                    await WriteAsync(response, ": keep-alive\n\n", cancel);
                    tick = Task.Delay(keepAlive, cancel);
                    continue;
                }
                if (!await waiting) break;
                while (reader.TryRead(out var display))
                {
                    if (display.Version <= sent) continue; // already shown (or an older, reordered update)
                    await WriteFrameAsync(response, display, orderUrl, cancel);
                    sent = display.Version;
                }
                waiting = reader.WaitToReadAsync(cancel).AsTask();
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The screen went away.
        }
        catch (TimeoutException) when (!http.Response.HasStarted)
        {
            return Problems.Unavailable("The display topic could not be subscribed in time; retry.");
        }
        finally
        {
            showroom.System.Stop(subscriber);
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
        var data = JsonSerializer.Serialize(DisplayResponse.From(display, orderUrl), Json);
        return WriteAsync(response, string.Create(CultureInfo.InvariantCulture, $"event: display\nid: {display.Version}\ndata: {data}\n\n"), cancel);
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancel)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancel);
        await response.Body.FlushAsync(cancel);
    }
}
