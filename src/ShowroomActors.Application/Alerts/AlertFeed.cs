using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ShowroomActors.Actors.Alerts;
using ShowroomActors.Domain.Alerts;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Application.Alerts;

/// <summary>
/// Live alerts for streams: subscribes to the alert book's change notices (DistributedPubSub, so a stream on any node
/// hears the book's singleton) before it reads, then reads the rows changed after what it last gave. Without a resume
/// point the first alerts are every unresolved one. A notice lost on the way is made up by re-reading at every quiet
/// interval.
/// </summary>
public sealed class AlertFeed(ActorGateway actors)
{
    /// <summary>
    /// Every change after <paramref name="after"/> (null: the unresolved alerts first), until <paramref name="cancel"/>;
    /// a null once the first alerts are given and after every <paramref name="poll"/> without a change (a stream's
    /// keep-alive).
    /// </summary>
    public async IAsyncEnumerable<AlertView?> ChangesAsync(long? after, TimeSpan poll, [EnumeratorCancellation] CancellationToken cancel)
    {
        var showroom = actors.Showroom;
        var book = showroom.AlertBook;
        var notices = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscriber = showroom.System.ActorOf(AlertSubscriber.Props(showroom.PubSub, notices.Writer, subscribed));
        try
        {
            await Task.WhenAny(subscribed.Task, Task.Delay(actors.AskTimeout, cancel));
            long cursor;
            if (after is { } resume) cursor = resume;
            else
            {
                cursor = await book.LatestChangeAsync(cancel);
                foreach (var open in await book.ListAsync(null, null, 0, AlertBookStore.MaxPage, cancel)) yield return open;
            }
            yield return null;
            while (!cancel.IsCancellationRequested)
            {
                IReadOnlyList<AlertView> changed;
                try
                {
                    changed = await book.ChangedSinceAsync(cursor, AlertBookStore.MaxPage, cancel);
                }
                catch (DbException)
                {
                    changed = [];
                }
                foreach (var alert in changed)
                {
                    cursor = Math.Max(cursor, alert.Change);
                    yield return alert;
                }
                if (changed.Count == AlertBookStore.MaxPage) continue;
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                wait.CancelAfter(poll);
                var quiet = false;
                try
                {
                    await notices.Reader.WaitToReadAsync(wait.Token);
                    while (notices.Reader.TryRead(out _))
                    {
                    }
                }
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                {
                    quiet = true;
                }
                if (quiet && changed.Count == 0) yield return null;
            }
        }
        finally
        {
            showroom.System.Stop(subscriber);
        }
    }

    /// <summary>A resume point from a stream's <c>Last-Event-ID</c> (the change ordinal it last got), or null when there is none or it is not one.</summary>
    public static long? ResumePoint(string? lastEventId) =>
        long.TryParse(lastEventId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;

}
