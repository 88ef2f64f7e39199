using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Akka.Actor;
using ShowroomActors.Actors.Shelves;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Shelves;

namespace ShowroomActors.Application.Shelves;

/// <summary>
/// Live displays for screens: subscribes to the slot's DistributedPubSub topic first and reads the current display
/// second, so no change can fall between them (a screen connected to any node sees every change).
/// </summary>
public sealed class DisplayFeed(ActorGateway actors, ShelfUseCases shelves)
{
    /// <summary>A watch on the slot's display, or why not (no such slot, the topic or the slot not answering in time).</summary>
    public async Task<Outcome<DisplayWatch>> WatchAsync(string slotId, CancellationToken cancel)
    {
        if (!Ids.IsValid(slotId)) return ShelfUseCases.NoSuchSlot(slotId);
        var showroom = actors.Showroom;
        var updates = Channel.CreateUnbounded<SlotDisplay>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscriber = showroom.System.ActorOf(DisplaySubscriber.Props(showroom.PubSub, slotId, updates.Writer, subscribed));
        var watch = new DisplayWatch(updates.Reader, () => showroom.System.Stop(subscriber));
        try
        {
            if (await Task.WhenAny(subscribed.Task, Task.Delay(actors.AskTimeout, cancel)) != subscribed.Task)
            {
                cancel.ThrowIfCancellationRequested();
                watch.Dispose();
                return Rejection.Unavailable("The display topic could not be subscribed in time; retry.");
            }
            var current = await shelves.GetDisplayAsync(slotId, cancel);
            if (!current.IsAccepted)
            {
                watch.Dispose();
                return current.Rejection;
            }
            watch.Current = current.Value;
            return watch;
        }
        catch
        {
            watch.Dispose();
            throw;
        }
    }
}

/// <summary>
/// One screen's watch on a slot's display: <see cref="Current"/> as it was when the watch began, then every update
/// published since. Dispose it when the screen goes away (it unsubscribes).
/// </summary>
public sealed class DisplayWatch(ChannelReader<SlotDisplay> updates, Action unsubscribe) : IDisposable
{
    private int _disposed;

    public SlotDisplay Current { get; internal set; } = null!;

    /// <summary>Updates published since the watch began, in arrival order (possibly reordered or repeated: compare versions).</summary>
    public ChannelReader<SlotDisplay> Updates => updates;

    /// <summary>
    /// The frames a screen should show: <see cref="Current"/> unless the screen already shows that version
    /// (<paramref name="lastSeen"/>), then each update with a higher version than the last frame; never backwards.
    /// </summary>
    public async IAsyncEnumerable<SlotDisplay> FramesAsync(long? lastSeen, [EnumeratorCancellation] CancellationToken cancel)
    {
        var sent = lastSeen;
        if (sent != Current.Version)
        {
            yield return Current;
            sent = Current.Version;
        }
        await foreach (var display in updates.ReadAllAsync(cancel))
        {
            if (display.Version <= sent) continue; // already shown (or an older, reordered update)
            yield return display;
            sent = display.Version;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) unsubscribe();
    }
}
