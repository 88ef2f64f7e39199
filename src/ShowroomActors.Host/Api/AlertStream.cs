using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using ShowroomActors.Actors;
using ShowroomActors.Application.Alerts;
using ShowroomActors.Domain.Alerts;

namespace ShowroomActors.Host.Api;

/// <summary>
/// <c>GET /api/v1/alerts/stream</c>: Server-Sent Events, one <c>event: alert</c> frame per alert change (<c>id:</c> = the
/// journal ordering of the change, <c>data:</c> = the alert after it). The first frames are every unresolved alert,
/// unless the client resumes with <c>Last-Event-ID</c> (or <c>?lastEventId=</c>): then every change after that id.
/// An <c>event: keep-alive</c> (data <c>{}</c>) follows the first frames and every quiet
/// <c>showroom.shelves.sse-keep-alive</c>. The console's floor page reads the same frames from its own cookie-session
/// stream.
/// </summary>
public static class AlertStream
{
    public const string AlertEvent = "alert";
    public const string KeepAliveEvent = "keep-alive";

    public static IResult Open(HttpContext http, AlertFeed feed, ShowroomSystem showroom, CancellationToken cancel)
    {
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var lastEventId = http.Request.Headers["Last-Event-ID"].ToString();
        if (string.IsNullOrEmpty(lastEventId)) lastEventId = http.Request.Query["lastEventId"].ToString();
        return TypedResults.ServerSentEvents(Frames(feed.ChangesAsync(AlertFeed.ResumePoint(lastEventId), showroom.Shelves.KeepAlive, cancel), cancel));
    }

    public static async IAsyncEnumerable<SseItem<object>> Frames(IAsyncEnumerable<AlertView?> changes, [EnumeratorCancellation] CancellationToken cancel)
    {
        var first = true;
        await foreach (var alert in changes.WithCancellation(cancel))
        {
            if (alert is null)
            {
                yield return new SseItem<object>(KeepAlive.Instance, KeepAliveEvent) { ReconnectionInterval = first ? TimeSpan.FromSeconds(2) : null };
                first = false;
                continue;
            }
            yield return new SseItem<object>(alert, AlertEvent) { EventId = alert.Change.ToString(CultureInfo.InvariantCulture) };
        }
    }

    /// <summary>The data of a keep-alive frame: <c>{}</c>.</summary>
    public sealed record KeepAlive
    {
        public static readonly KeepAlive Instance = new();
    }
}
