using System.Collections.Immutable;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Domain.Orders;
using ShowroomActors.Domain.Shelves;

namespace ShowroomActors.Actors.Catalog;

/// <summary>
/// "Lift to buy": which product each slot holds and how many orders came from each slot's QR page and for each
/// product, kept by following the journal's <c>conversion</c> tag (only SlotBound and OrderPlaced carry it, so
/// the stream is small). Lifts themselves stay in the slot entities; the API adds them up at read time. One per
/// node, rebuilt from the journal on start; a read model that lags the journal by about the query refresh interval.
/// </summary>
public sealed class ConversionIndex : ReceiveActor
{
    private ImmutableDictionary<string, string> _productOfSlot = ImmutableDictionary<string, string>.Empty;
    private ImmutableDictionary<string, int> _ordersBySlot = ImmutableDictionary<string, int>.Empty;
    private ImmutableDictionary<string, int> _ordersByProduct = ImmutableDictionary<string, int>.Empty;

    public ConversionIndex()
    {
        var self = Self;
        var readJournal = PersistenceQuery.Get(Context.System).ReadJournalFor<SqlReadJournal>("akka.persistence.query.journal.sql");
        RestartSource
            .WithBackoff(() => readJournal.EventsByTag(EventTagger.ConversionTag, Offset.NoOffset()),
                RestartSettings.Create(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), 0.2))
            .RunForeach(envelope => self.Tell(envelope), Context.System.Materializer());

        Receive<EventEnvelope>(envelope =>
        {
            switch ((envelope.Event as ChainedEvent)?.Event)
            {
                case SlotBound bound:
                    _productOfSlot = _productOfSlot.SetItem(bound.SlotId, bound.Product.ProductId);
                    break;
                case OrderPlaced placed:
                    if (placed.Request is { Channel: OrderChannel.Qr, SlotId: { } slotId })
                        _ordersBySlot = _ordersBySlot.SetItem(slotId, _ordersBySlot.GetValueOrDefault(slotId) + 1);
                    foreach (var productId in placed.Request.Lines.Select(l => l.ProductId).Distinct())
                        _ordersByProduct = _ordersByProduct.SetItem(productId, _ordersByProduct.GetValueOrDefault(productId) + 1);
                    break;
            }
        });
        Receive<GetSlotConversions>(q => Sender.Tell(new SlotConversions(q.SlotId, _ordersBySlot.GetValueOrDefault(q.SlotId))));
        Receive<GetProductConversions>(q => Sender.Tell(new ProductConversions(
            q.ProductId,
            _ordersByProduct.GetValueOrDefault(q.ProductId),
            _productOfSlot.Where(s => s.Value == q.ProductId).Select(s => s.Key).Order().ToList())));
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new ConversionIndex());

    /// <summary>Local to a node, never serialized.</summary>
    public sealed record GetSlotConversions(string SlotId);

    /// <summary>Orders placed from the slot's QR page.</summary>
    public sealed record SlotConversions(string SlotId, int Orders);

    public sealed record GetProductConversions(string ProductId);

    /// <summary>Orders that include the product (any channel), and the slots that hold it now.</summary>
    public sealed record ProductConversions(string ProductId, int Orders, IReadOnlyList<string> SlotIds);
}
