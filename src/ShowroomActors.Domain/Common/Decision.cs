namespace ShowroomActors.Domain.Common;

/// <summary>
/// The outcome of a Decide function: either the events to persist (possibly none, for an idempotent repeat)
/// or a rejection. Decide never changes state; Apply does, one event at a time.
/// </summary>
public sealed record Decision<TEvent> where TEvent : IDomainEvent
{
    private Decision(IReadOnlyList<TEvent> events, Rejection? rejection)
    {
        Events = events;
        Rejection = rejection;
    }

    public IReadOnlyList<TEvent> Events { get; }
    public Rejection? Rejection { get; }
    public bool IsRejected => Rejection is not null;

    public static Decision<TEvent> Accept(params TEvent[] events) => new(events, null);
    public static Decision<TEvent> Accept(IReadOnlyList<TEvent> events) => new(events, null);
    public static Decision<TEvent> Nothing() => new([], null);
    public static Decision<TEvent> Reject(Rejection rejection) => new([], rejection);

    public static implicit operator Decision<TEvent>(Rejection rejection) => Reject(rejection);
}
