using System.Runtime.CompilerServices;
using ShowroomActors.Domain.Orders;

namespace ShowroomActors.Domain.Tests.Orders;

/// <summary>
/// Applies events to an order state as the entity does and remembers, for each state made that way, the events that
/// led to it, so a test can check the history derived from them (an order's state does not keep its history).
/// </summary>
internal static class RecordedEvents
{
    private static readonly ConditionalWeakTable<OrderState, IReadOnlyList<IOrderEvent>> EventsOf = new();

    public static OrderState AppliedTo(this IReadOnlyList<IOrderEvent> events, OrderState state)
    {
        var before = EventsOf.TryGetValue(state, out var earlier) ? earlier : [];
        var after = events.Aggregate(state, OrderState.Apply);
        if (!ReferenceEquals(after, state)) EventsOf.AddOrUpdate(after, [.. before, .. events]);
        return after;
    }

    /// <summary>The history of the events applied (through <see cref="AppliedTo"/>) to make <paramref name="state"/>.</summary>
    public static IReadOnlyList<OrderHistoryEntry> History(this OrderState state) =>
        OrderHistory.Of(EventsOf.TryGetValue(state, out var events) ? events : []);
}
