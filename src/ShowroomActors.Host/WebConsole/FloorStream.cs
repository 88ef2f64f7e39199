using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using ShowroomActors.Application.Shelves;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.WebConsole;

/// <summary>
/// <c>GET /console/floor/stream</c> (a console session): Server-Sent Events, one <c>event: slot</c> frame (data: a
/// <see cref="FloorTile"/>) for each slot whose tile changed since the last frame of this stream; the first frames are
/// every slot as it is now. From the <see cref="FloorFeed"/>: a display change at once, everything else within
/// <see cref="Refresh"/>.
/// </summary>
public static class FloorStream
{
    public const string SlotEvent = "slot";
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(5);

    public static async Task<Results<ServerSentEventsResult<FloorTile>, ProblemHttpResult>> OpenAsync(
        HttpContext http, ShelfUseCases shelves, FloorFeed feed, CancellationToken cancel)
    {
        var slots = await shelves.ListAsync(cancel);
        if (!slots.IsAccepted) return Problems.From(slots.Rejection);
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var slotIds = slots.Value.Select(s => s.Slot.SlotId).ToList();
        return TypedResults.ServerSentEvents(Frames(feed.ChangesAsync(slotIds, Refresh, cancel), cancel));
    }

    private static async IAsyncEnumerable<SseItem<FloorTile>> Frames(IAsyncEnumerable<SlotOverview> changes, [EnumeratorCancellation] CancellationToken cancel)
    {
        var sent = new Dictionary<string, FloorTile>(StringComparer.Ordinal);
        await foreach (var change in changes.WithCancellation(cancel))
        {
            var tile = FloorTile.From(change);
            if (sent.TryGetValue(tile.SlotId, out var last) && last == tile) continue;
            sent[tile.SlotId] = tile;
            yield return new SseItem<FloorTile>(tile, SlotEvent);
        }
    }
}
