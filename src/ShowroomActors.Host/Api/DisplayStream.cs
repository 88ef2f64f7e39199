using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using ShowroomActors.Actors;
using ShowroomActors.Application.Shelves;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.Api;

/// <summary>
/// <c>GET /api/v1/slots/{slotId}/display/stream</c>: Server-Sent Events (<see cref="TypedResults.ServerSentEvents{T}(IAsyncEnumerable{SseItem{T}}, string?)"/>),
/// one <c>event: display</c> frame per display version (<c>id:</c> = version, <c>data:</c> = the display JSON), from a
/// <see cref="DisplayWatch"/>. The first frame is the current state, unless the client resumes with
/// <c>Last-Event-ID</c> (or <c>?lastEventId=</c>) equal to it; frames never go backwards. An idle stream gets an
/// <c>event: keep-alive</c> (carrying the display last sent, and no id) every <c>showroom.shelves.sse-keep-alive</c>,
/// so proxies keep it open; screens listen to <c>display</c> only. The subscription ends with the connection.
/// </summary>
public static class DisplayStream
{
    public const string DisplayEvent = "display";
    public const string KeepAliveEvent = "keep-alive";

    public static async Task<Results<ServerSentEventsResult<DisplayResponse>, ProblemHttpResult>> OpenAsync(
        string slotId, HttpContext http, DisplayFeed feed, PublicUrls urls, ShowroomSystem showroom, CancellationToken cancel)
    {
        var opened = await feed.WatchAsync(slotId, cancel);
        if (!opened.IsAccepted) return Problems.From(opened.Rejection);
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var orderUrl = SlotEndpoints.OrderUrl(urls, slotId);
        return TypedResults.ServerSentEvents(Frames(opened.Value, LastEventId(http.Request), orderUrl, showroom.Shelves.KeepAlive, cancel));
    }

    private static async IAsyncEnumerable<SseItem<DisplayResponse>> Frames(
        DisplayWatch watch, long? lastSeen, string orderUrl, TimeSpan keepAlive, [EnumeratorCancellation] CancellationToken cancel)
    {
        using (watch)
        {
            var first = true;
            var shown = DisplayResponse.From(watch.Current, orderUrl);
            await using var frames = watch.FramesAsync(lastSeen, cancel).GetAsyncEnumerator(cancel);
            var next = frames.MoveNextAsync().AsTask();
            while (true)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                var tick = Task.Delay(keepAlive, idle.Token);
                var done = await Task.WhenAny(next, tick);
                await idle.CancelAsync();
                if (cancel.IsCancellationRequested) yield break;
                if (done != next)
                {
                    yield return new SseItem<DisplayResponse>(shown, KeepAliveEvent);
                    continue;
                }
                if (!await next) yield break;
                shown = DisplayResponse.From(frames.Current, orderUrl);
                yield return new SseItem<DisplayResponse>(shown, DisplayEvent)
                {
                    EventId = frames.Current.Version.ToString(CultureInfo.InvariantCulture),
                    ReconnectionInterval = first ? TimeSpan.FromSeconds(2) : null,
                };
                first = false;
                next = frames.MoveNextAsync().AsTask();
            }
        }
    }

    /// <summary>The version the client last saw (header, or <c>?lastEventId=</c> for clients that cannot set headers).</summary>
    private static long? LastEventId(HttpRequest request)
    {
        var text = request.Headers["Last-Event-ID"].ToString();
        if (string.IsNullOrEmpty(text)) text = request.Query["lastEventId"].ToString();
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }
}
