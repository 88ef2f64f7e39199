using ShowroomActors.Actors.Persistence;
using ShowroomActors.Actors.Serialization;
using ShowroomActors.Domain.Alerts;
using ShowroomActors.Domain.Audit;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Catalog;
using ShowroomActors.Domain.Shelves;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Orders;

namespace ShowroomActors.Actors.Audit;

/// <summary>
/// Replays a stream with the domain's own Apply function up to an instant: the state an entity had then.
/// Uses events only (never snapshots), so the answer depends on nothing but the audited record.
/// </summary>
public static class StreamReplay
{
    /// <summary>How to fold one entity type's events: its empty state and its Apply function.</summary>
    private sealed record Aggregate(Func<string, object> Empty, Func<object, IDomainEvent, object> Apply);

    private static readonly Dictionary<string, Aggregate> Aggregates = new()
    {
        [EntityTypes.Product] = new(id => ProductState.Empty(id), (s, e) => ProductState.Apply((ProductState)s, (IProductEvent)e)),
        [EntityTypes.Slot] = new(id => SlotState.Empty(id), (s, e) => SlotState.Apply((SlotState)s, (ISlotEvent)e)),
        [EntityTypes.Buyer] = new(id => BuyerState.Empty(id), (s, e) => BuyerState.Apply((BuyerState)s, (IBuyerEvent)e)),
        [EntityTypes.Order] = new(id => OrderState.Empty(id), (s, e) => OrderState.Apply((OrderState)s, (IOrderEvent)e)),
        [EntityTypes.Idempotency] = new(id => IdempotencyState.Empty(id), (s, e) => IdempotencyState.Apply((IdempotencyState)s, (IIdempotencyEvent)e)),
        [EntityTypes.Alert] = new(id => AlertAckState.Empty(id), (s, e) => AlertAckState.Apply((AlertAckState)s, (IAlertEvent)e)),
    };

    public static IReadOnlyCollection<string> EntityTypeNames => Aggregates.Keys;

    /// <summary>Splits <c>product-rice</c> into (<c>product</c>, <c>rice</c>); null when the type is unknown.</summary>
    public static (string Type, string EntityId)? Parse(string persistenceId)
    {
        var dash = persistenceId.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0) return null;
        var type = persistenceId[..dash];
        return Aggregates.ContainsKey(type) ? (type, persistenceId[(dash + 1)..]) : null;
    }

    /// <summary>The state after every event recorded at or before <paramref name="at"/> (all events when null).</summary>
    public static async Task<(object State, long LastSeq, int Events)> StateAsOfAsync(
        IAsyncEnumerable<JournalRow> rows, string persistenceId, DateTimeOffset? at, CancellationToken cancel = default)
    {
        var (type, entityId) = Parse(persistenceId) ?? throw new ArgumentException($"Unknown entity type in '{persistenceId}'.", nameof(persistenceId));
        var aggregate = Aggregates[type];
        var state = aggregate.Empty(entityId);
        long lastSeq = 0;
        var count = 0;
        // Stored timestamps are fixed-width UTC ISO-8601, so ordinal order is time order: no parsing per event.
        var until = at is { } instant ? HashChain.FormatTimestamp(instant) : null;
        await foreach (var row in rows.WithCancellation(cancel))
        {
            var chained = ChainedEventJson.Read(row.Message, MessageRegistry.Find(row.Manifest));
            if (until is not null && string.CompareOrdinal(chained.At, until) > 0) break;
            state = aggregate.Apply(state, chained.Event);
            lastSeq = row.SequenceNr;
            count++;
        }
        return (state, lastSeq, count);
    }
}
