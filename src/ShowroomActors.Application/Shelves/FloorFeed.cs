using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace ShowroomActors.Application.Shelves;

/// <summary>
/// The live floor: every slot's state as it changes. It watches each slot's display (a lift or the screen going idle
/// is published at once, <see cref="DisplayFeed"/>) and reads that slot again; every <c>refresh</c> it reads all slots,
/// for what no display change announces (items counted by the load cell, battery, a device going silent). A reader
/// gets slots that may not have changed since it last saw them, and compares.
/// </summary>
public sealed class FloorFeed(ShelfUseCases shelves, DisplayFeed displays)
{
    /// <summary>The slots as they are read after each change, until <paramref name="cancel"/>.</summary>
    public async IAsyncEnumerable<SlotOverview> ChangesAsync(IReadOnlyList<string> slotIds, TimeSpan refresh, [EnumeratorCancellation] CancellationToken cancel)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var dirty = Channel.CreateUnbounded<string?>(new UnboundedChannelOptions { SingleReader = true });
        var watches = new List<DisplayWatch>();
        try
        {
            foreach (var slotId in slotIds)
            {
                var watch = await displays.WatchAsync(slotId, stop.Token);
                if (!watch.IsAccepted) continue; // the periodic read still covers it
                watches.Add(watch.Value);
                _ = ForwardAsync(watch.Value, slotId, dirty.Writer, stop.Token);
            }
            _ = TickAsync(refresh, dirty.Writer, stop.Token);
            await foreach (var slotId in dirty.Reader.ReadAllAsync(stop.Token))
            {
                if (slotId is null)
                {
                    var all = await shelves.ListAsync(stop.Token);
                    if (!all.IsAccepted) continue;
                    foreach (var slot in all.Value) yield return slot;
                    continue;
                }
                var read = await shelves.GetAsync(slotId, stop.Token);
                if (read.IsAccepted) yield return read.Value;
            }
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var watch in watches) watch.Dispose();
        }
    }

    /// <summary>Marks the slot changed on each display frame (the first, its current display, too).</summary>
    private static async Task ForwardAsync(DisplayWatch watch, string slotId, ChannelWriter<string?> dirty, CancellationToken cancel)
    {
        try
        {
            await foreach (var _ in watch.FramesAsync(null, cancel)) dirty.TryWrite(slotId);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Asks for every slot to be read again (null) every <paramref name="refresh"/>.</summary>
    private static async Task TickAsync(TimeSpan refresh, ChannelWriter<string?> dirty, CancellationToken cancel)
    {
        using var timer = new PeriodicTimer(refresh);
        try
        {
            while (await timer.WaitForNextTickAsync(cancel)) dirty.TryWrite(null);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
