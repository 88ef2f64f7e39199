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
/// "Lift to buy": which product each slot holds, how many placed orders came from each slot's QR page, and for each
/// product how many placed orders include it (any channel) and how many of those came from a slot's QR page. Kept by
/// following the journal's <c>conversion</c> tag (SlotBound, OrderPlaced and the placement's outcome carry it, so the
/// stream is small). An order counts once its stock is reserved (<see cref="OrderReserved"/>); a placement that was
/// rejected or declined never counts. Lifts themselves stay in the slot entities; the API adds them up at read time.
/// One per node, rebuilt from the journal on start; a read model that lags the journal by about the query refresh
/// interval. (Orders placed before the outcome events were tagged stay pending here and are not counted.)
/// </summary>
public sealed class ConversionIndex : ReceiveActor
{
    private ImmutableDictionary<string, string> _productOfSlot = ImmutableDictionary<string, string>.Empty;
    private ImmutableDictionary<string, int> _ordersBySlot = ImmutableDictionary<string, int>.Empty;
    private ImmutableDictionary<string, int> _ordersByProduct = ImmutableDictionary<string, int>.Empty;
    private ImmutableDictionary<string, int> _qrOrdersByProduct = ImmutableDictionary<string, int>.Empty;
    /// <summary>Placements waiting for their outcome, by order id.</summary>
    private ImmutableDictionary<string, OrderRequest> _pending = ImmutableDictionary<string, OrderRequest>.Empty;

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
                    _pending = _pending.SetItem(placed.OrderId, placed.Request);
                    break;
                case OrderReserved reserved when _pending.TryGetValue(reserved.OrderId, out var request):
                    _pending = _pending.Remove(reserved.OrderId);
                    var fromSlot = request is { Channel: OrderChannel.Qr, SlotId: not null };
                    if (fromSlot) _ordersBySlot = Increment(_ordersBySlot, request.SlotId!);
                    foreach (var productId in request.Lines.Select(l => l.ProductId).Distinct())
                    {
                        _ordersByProduct = Increment(_ordersByProduct, productId);
                        if (fromSlot) _qrOrdersByProduct = Increment(_qrOrdersByProduct, productId);
                    }
                    break;
                case OrderRejected rejected:
                    _pending = _pending.Remove(rejected.OrderId);
                    break;
                case OrderDeclined declined:
                    _pending = _pending.Remove(declined.OrderId);
                    break;
            }
        });
        Receive<GetSlotConversions>(q => Sender.Tell(new SlotConversions(q.SlotId, _ordersBySlot.GetValueOrDefault(q.SlotId))));
        Receive<GetProductConversions>(q => Sender.Tell(new ProductConversions(
            q.ProductId,
            _ordersByProduct.GetValueOrDefault(q.ProductId),
            _qrOrdersByProduct.GetValueOrDefault(q.ProductId),
            _productOfSlot.Where(s => s.Value == q.ProductId).Select(s => s.Key).Order().ToList())));
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new ConversionIndex());

    private static ImmutableDictionary<string, int> Increment(ImmutableDictionary<string, int> counts, string key) =>
        counts.SetItem(key, counts.GetValueOrDefault(key) + 1);

    /// <summary>Local to a node, never serialized.</summary>
    public sealed record GetSlotConversions(string SlotId);

    /// <summary>Orders placed from the slot's QR page.</summary>
    public sealed record SlotConversions(string SlotId, int Orders);

    public sealed record GetProductConversions(string ProductId);

    /// <summary>Orders that include the product (any channel), and the slots that hold it now.</summary>
    public sealed record ProductConversions(string ProductId, int Orders, int QrOrders, IReadOnlyList<string> SlotIds);
}
