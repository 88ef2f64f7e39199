using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Domain.Catalog;
using ShowroomActors.Domain.Orders;
using ShowroomActors.Domain.Shelves;

namespace ShowroomActors.Actors.Catalog;

/// <summary>
/// The catalog read model of one node: every registered product with its stock, and the "lift to buy" figures: which
/// product each slot holds, each slot's pickups, the orders placed from each slot's QR page, and for each product the
/// orders that include it (any channel) and those of them placed from a slot's QR page. An order counts once its stock
/// is reserved (<see cref="OrderReserved"/>); a placement that was rejected or declined never counts. It follows two
/// tags of the journal: <c>product</c> (registrations and every stock change carry the counts after them) and
/// <c>conversion</c> (slot bindings, sensor batches that moved items, placements and their outcomes), so listing the
/// catalog asks no entity. Rebuilt from the journal on start; lags it by about the query refresh interval. A failed query
/// restarts after the last event taken in, with backoff.
/// </summary>
public sealed class CatalogView : ReceiveActor
{
    private readonly SortedDictionary<string, ProductView> _products = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _productOfSlot = new(StringComparer.Ordinal);
    private readonly DeviceDirectory _devices = new();
    private readonly Dictionary<string, int> _liftsOfSlot = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _ordersBySlot = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _ordersByProduct = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _qrOrdersByProduct = new(StringComparer.Ordinal);
    /// <summary>Placements waiting for their outcome, by order id.</summary>
    private readonly Dictionary<string, OrderRequest> _pending = new(StringComparer.Ordinal);
    private readonly LiftHours _liftHours = new();

    public CatalogView()
    {
        Receive<EventEnvelope>(envelope =>
        {
            switch ((envelope.Event as ChainedEvent)?.Event)
            {
                case IProductEvent product:
                    Take(product);
                    break;
                case SlotBound bound:
                    _productOfSlot[bound.SlotId] = bound.Product.ProductId;
                    _devices.Take(bound);
                    break;
                case SensorBatchRecorded { CountersAfter: { } after } batch:
                    _liftsOfSlot[batch.SlotId] = after.Lifts;
                    _liftHours.Add(batch.SlotId, batch.ReceivedAt, batch.Lifted);
                    break;
                case ItemsMoved moved:
                    _liftsOfSlot[moved.SlotId] = moved.LiftsAfter;
                    _liftHours.Add(moved.SlotId, moved.At, moved.Lifted);
                    break;
                case OrderPlaced placed:
                    _pending[placed.OrderId] = placed.Request;
                    break;
                case OrderReserved reserved when _pending.Remove(reserved.OrderId, out var request):
                    Count(request);
                    break;
                case OrderRejected rejected:
                    _pending.Remove(rejected.OrderId);
                    break;
                case OrderDeclined declined:
                    _pending.Remove(declined.OrderId);
                    break;
            }
        });
        Receive<ListCatalog>(_ => Sender.Tell(new CatalogListing(_products.Values.Select(p => new CatalogEntry(p, LiftToBuyOf(p.ProductId))).ToList())));
        Receive<GetProductConversions>(q => Sender.Tell(LiftToBuyOf(q.ProductId)));
        Receive<GetSlotConversions>(q => Sender.Tell(new SlotConversions(q.SlotId, _ordersBySlot.GetValueOrDefault(q.SlotId))));
        Receive<GetLiftHours>(q => Sender.Tell(LiftHoursOf(q.Day)));
        Receive<ListSlots>(_ => Sender.Tell(new SlotList(_productOfSlot.Keys.Order(StringComparer.Ordinal).ToList())));
        Receive<FindDevice>(q => Sender.Tell(new DeviceSlot(q.DeviceId, _devices.SlotOf(q.DeviceId))));
        Receive<ListDevices>(_ => Sender.Tell(new DeviceList(_devices.All())));
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new CatalogView());

    protected override void PreStart()
    {
        var readJournal = PersistenceQuery.Get(Context.System).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        Follow(readJournal, EntityTypes.Product);
        Follow(readJournal, EventTagger.ConversionTag);
    }

    /// <summary>Streams the events of <paramref name="tag"/> to this actor; after a failure it resumes after the last one taken.</summary>
    private void Follow(SqlReadJournal readJournal, string tag)
    {
        var self = Self;
        long after = 0;
        RestartSource
            .WithBackoff(() => readJournal.EventsByTag(tag, Offset.Sequence(Interlocked.Read(ref after))),
                RestartSettings.Create(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), 0.2))
            .RunForeach(envelope =>
            {
                Interlocked.Exchange(ref after, ((Sequence)envelope.Offset).Value);
                self.Tell(envelope);
            }, Context.Materializer());
    }

    private void Count(OrderRequest request)
    {
        var fromSlot = request is { Channel: OrderChannel.Qr, SlotId: not null };
        if (fromSlot) Increment(_ordersBySlot, request.SlotId!);
        foreach (var productId in request.Lines.Select(l => l.ProductId).Distinct())
        {
            Increment(_ordersByProduct, productId);
            if (fromSlot) Increment(_qrOrdersByProduct, productId);
        }
    }

    private static void Increment(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private void Take(IProductEvent e)
    {
        var id = e switch
        {
            ProductRegistered r => r.ProductId,
            StockReceived s => s.ProductId,
            StockReserved r => r.ProductId,
            ReservationCommitted c => c.ProductId,
            ReservationReleased r => r.ProductId,
            _ => null,
        };
        if (id is null) return;
        if (e is ProductRegistered registered)
        {
            _products[id] = _products.TryGetValue(id, out var known)
                ? known with { Details = registered.Details }
                : new ProductView(id, registered.Details, 0, 0, 0);
            return;
        }
        if (!_products.TryGetValue(id, out var product)) return;
        var (onHand, reserved) = e switch
        {
            StockReceived s => (s.OnHandAfter, product.Reserved),
            StockReserved r => (product.OnHand, r.ReservedAfter),
            ReservationCommitted c => (c.OnHandAfter, c.ReservedAfter),
            ReservationReleased r => (product.OnHand, r.ReservedAfter),
            _ => (product.OnHand, product.Reserved),
        };
        _products[id] = product with { OnHand = onHand, Reserved = reserved, Available = onHand - reserved };
    }

    /// <summary>Pickups on the slots that hold the product now, the placed orders (any channel) that include it and those from a QR page.</summary>
    private LiftToBuy LiftToBuyOf(string productId)
    {
        var lifts = 0;
        foreach (var (slotId, held) in _productOfSlot)
            if (held == productId) lifts += _liftsOfSlot.GetValueOrDefault(slotId);
        return new LiftToBuy(lifts, _ordersByProduct.GetValueOrDefault(productId), _qrOrdersByProduct.GetValueOrDefault(productId));
    }

    /// <summary>Every slot that holds a product or had lifts on <paramref name="day"/>, with its product and its lifts by hour.</summary>
    private LiftHeatmap LiftHoursOf(DateOnly day)
    {
        var lifted = _liftHours.Day(day);
        var rows = _productOfSlot.Keys.Union(lifted.Keys).Order(StringComparer.Ordinal).Select(slotId =>
        {
            var productId = _productOfSlot.GetValueOrDefault(slotId);
            var name = productId is not null && _products.TryGetValue(productId, out var product) ? product.Details.Name : null;
            return new SlotLiftHours(slotId, productId, name, lifted.TryGetValue(slotId, out var hours) ? hours : new int[24]);
        }).ToList();
        return new LiftHeatmap(day, rows);
    }

    /// <summary>Ask for the <see cref="LiftHeatmap"/> of <see cref="Day"/> (China Standard Time).</summary>
    public sealed record GetLiftHours(DateOnly Day);

    /// <summary>Ask for <see cref="CatalogListing"/>. Local to a node, never serialized (so are the other questions and answers).</summary>
    public sealed record ListCatalog;

    public sealed record CatalogListing(IReadOnlyList<CatalogEntry> Products);

    /// <summary>Ask for the product's <see cref="LiftToBuy"/>.</summary>
    public sealed record GetProductConversions(string ProductId);

    /// <summary>Ask for <see cref="SlotConversions"/>.</summary>
    public sealed record GetSlotConversions(string SlotId);

    /// <summary>Orders placed from the slot's QR page.</summary>
    public sealed record SlotConversions(string SlotId, int Orders);

    /// <summary>Ask for <see cref="SlotList"/>.</summary>
    public sealed record ListSlots;

    /// <summary>Every slot that has been given a product, by id.</summary>
    public sealed record SlotList(IReadOnlyList<string> SlotIds);

    /// <summary>Ask for <see cref="DeviceSlot"/>: which slot listens to the device (MQTT sign-in).</summary>
    public sealed record FindDevice(string DeviceId);

    /// <summary>The slot the device is bound to now, or null when none is (as far as this read model has read).</summary>
    public sealed record DeviceSlot(string DeviceId, string? SlotId);

    /// <summary>Ask for <see cref="DeviceList"/>.</summary>
    public sealed record ListDevices;

    /// <summary>Every device bound to a slot now, by device id.</summary>
    public sealed record DeviceList(IReadOnlyList<DeviceBinding> Devices);
}

/// <summary>Lifts per slot per hour of one day (China Standard Time), from <see cref="LiftHours"/>.</summary>
public sealed record LiftHeatmap(DateOnly Day, IReadOnlyList<SlotLiftHours> Slots)
{
    /// <summary>The most lifts of any slot in any hour of the day (0: none).</summary>
    public int Peak => Slots.Count == 0 ? 0 : Slots.Max(s => s.Hours.Max());
}

/// <summary>A slot's product (null when it holds none now) and its lifts in each of the day's 24 hours.</summary>
public sealed record SlotLiftHours(string SlotId, string? ProductId, string? ProductName, IReadOnlyList<int> Hours)
{
    public int Total => Hours.Sum();
}

/// <summary>A product as the catalog read model knows it: details, stock and lift to buy.</summary>
public sealed record CatalogEntry(ProductView Product, LiftToBuy LiftToBuy);

/// <summary>
/// A product's "lift to buy": pickups on the slots that hold it, placed orders that include it (any channel) and those
/// of them placed from a slot's QR page, which are what <see cref="Rate"/> counts.
/// </summary>
public sealed record LiftToBuy(int Lifts, int Orders, int QrOrders)
{
    public decimal? Rate => Conversion.Rate(QrOrders, Lifts);
}

/// <summary>
/// Lift to buy: the share of lifts that became a placed QR order, rounded to 4 places; null before the first lift. A
/// shopper may scan the code without lifting anything, so there can be more such orders than lifts; the rate then stays
/// at 1 (every lift converted) rather than claiming more conversions than there were lifts.
/// </summary>
public static class Conversion
{
    public static decimal? Rate(int qrOrders, int lifts) => lifts == 0 ? null : Math.Round((decimal)Math.Min(qrOrders, lifts) / lifts, 4);
}
