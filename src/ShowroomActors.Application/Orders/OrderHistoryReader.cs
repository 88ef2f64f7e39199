using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Domain.Orders;

namespace ShowroomActors.Application.Orders;

/// <summary>
/// An order's history, derived from its own events in the journal (an order stream holds a dozen events at most, read
/// by persistence id). Read after the order answered, so it holds every event the answer reflects.
/// </summary>
public sealed class OrderHistoryReader(ActorGateway actors)
{
    public async Task<IReadOnlyList<OrderHistoryEntry>> ReadAsync(string orderId, CancellationToken cancel)
    {
        var system = actors.Showroom.System;
        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        var events = await journal
            .CurrentEventsByPersistenceId(EntityTypes.PersistenceId(EntityTypes.Order, orderId), 0, long.MaxValue)
            .Select(envelope => (envelope.Event as ChainedEvent)?.Event as IOrderEvent)
            .Where(e => e is not null)
            .RunAggregate(new List<IOrderEvent>(), (list, e) =>
            {
                list.Add(e!);
                return list;
            }, system.Materializer())
            .WaitAsync(actors.AskTimeout, cancel);
        return OrderHistory.Of(events);
    }
}
