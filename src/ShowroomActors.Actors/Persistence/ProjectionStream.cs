using Akka.Event;
using Akka.Persistence.Query;

namespace ShowroomActors.Actors.Persistence;

/// <summary>Pieces the persisted projections (quota report, order sweeper) share in their events-by-tag streams.</summary>
public static class ProjectionStream
{
    /// <summary>An envelope as (journal ordering, domain event of <typeparamref name="TEvent"/>, or null for any other).</summary>
    public static (long Ordinal, TEvent? Event) Item<TEvent>(EventEnvelope envelope) where TEvent : class =>
        (((Sequence)envelope.Offset).Value, (envelope.Event as ChainedEvent)?.Event as TEvent);

    /// <summary>Runs <paramref name="work"/>; a failure is logged here, then fails the stream so it restarts with backoff.</summary>
    public static async Task<T> Logged<T>(ILoggingAdapter log, string projection, string what, Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (Exception e)
        {
            log.Error(e, "{Projection} failed {What}; restarting from the stored offset after a backoff", projection, what);
            throw;
        }
    }
}
