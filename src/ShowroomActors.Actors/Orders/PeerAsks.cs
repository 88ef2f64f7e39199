using System.Diagnostics;
using Akka.Actor;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Actors.Orders;

/// <summary>
/// Asks an entity makes of its peers when it must know which question an answer belongs to (a bare rejection names
/// nobody): each answer comes back to the entity as a message built by the caller from the peer's typed reply, or from
/// null when the peer did not answer within the retry interval (or answered with another type). One ask per key at a
/// time: a key is asked again when its answer was handled (<see cref="Done"/>) or, after a transient answer, once the
/// retry interval has passed since it was asked.
/// </summary>
public sealed class PeerAsks(IActorRef self, TimeSpan retryAfter)
{
    private readonly Dictionary<string, long> _askedAt = new(StringComparer.Ordinal);

    /// <summary>Sends <paramref name="question"/> to <paramref name="peer"/> unless <paramref name="key"/> is already waiting.</summary>
    public void Ask<TReply>(string key, IActorRef peer, IEntityCommand question, Func<TReply?, object> answerMessage)
        where TReply : class, IEntityReply
    {
        if (_askedAt.TryGetValue(key, out var at) && Stopwatch.GetElapsedTime(at) < retryAfter) return;
        _askedAt[key] = Stopwatch.GetTimestamp();
        peer.Ask<TReply>(question, retryAfter).PipeTo(self, success: reply => answerMessage(reply), failure: _ => answerMessage(null));
    }

    /// <summary>The answer for <paramref name="key"/> was handled: the next <see cref="Ask{TReply}"/> sends at once.</summary>
    public void Done(string key) => _askedAt.Remove(key);

    /// <summary>Forgets every pending ask (their late answers are still delivered and must be recognised as stale).</summary>
    public void Clear() => _askedAt.Clear();
}
