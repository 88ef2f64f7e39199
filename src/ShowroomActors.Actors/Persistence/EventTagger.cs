using Akka.Persistence.Journal;
using ShowroomActors.Domain.Alerts;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Catalog;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Shelves;
using ShowroomActors.Domain.Orders;

namespace ShowroomActors.Actors.Persistence;

/// <summary>
/// Write event adapter: tags every chained event with its entity type (<c>product</c>, <c>slot</c>, …) so the
/// audit log and projections can read one type's events in journal order. Tags go to the tag table.
/// </summary>
public sealed class EventTagger : IWriteEventAdapter
{
    public string Manifest(object evt) => string.Empty;

    public object ToJournal(object evt) =>
        evt is ChainedEvent chained ? new Tagged(chained, TagsFor(chained.Event)) : evt;

    /// <summary>On product registrations only: the products can be listed from the journal without reading stock events (e.g. the audit log by tag).</summary>
    public const string CatalogTag = "catalog";

    /// <summary>
    /// On slot bindings, sensor batches that moved items (they carry the slot's pickup counters after them), order
    /// placements and their outcomes: what the catalog's lift-to-buy figures need (<see cref="Catalog.CatalogView"/>).
    /// Pickups are people lifting products, rare next to the readings, so this stream stays small.
    /// </summary>
    public const string ConversionTag = "conversion";

    /// <summary>
    /// On the facts the alert book follows (<see cref="Alerts.AlertBookProjection"/>): slot bindings, the device's and the
    /// slot's health facts, and acknowledgements. Rare next to the readings, so the book never reads the sensor batches.
    /// </summary>
    public const string HealthTag = "health";

    public static IReadOnlyList<string> TagsFor(IDomainEvent evt) => evt switch
    {
        ProductRegistered => [EntityTypes.Product, CatalogTag],
        IProductEvent => [EntityTypes.Product],
        SlotBound => [EntityTypes.Slot, ConversionTag, HealthTag],
        DeviceWentOffline or DeviceCameOnline or BatteryFlagChanged or DeviceRebooted or ClockSkewNoted
            or LiftOverdueChanged or StockFlagChanged => [EntityTypes.Slot, HealthTag],
        SensorBatchRecorded { CountersAfter: not null } => [EntityTypes.Slot, ConversionTag],
        ISlotEvent => [EntityTypes.Slot],
        // The quota report projection follows the whole buyer tag: every buyer event matters to it.
        IBuyerEvent => [EntityTypes.Buyer],
        // The placement and its outcome: lift to buy counts an order only once its stock is reserved.
        OrderPlaced or OrderReserved or OrderRejected or OrderDeclined => [EntityTypes.Order, ConversionTag],
        IOrderEvent => [EntityTypes.Order],
        IAlertEvent => [EntityTypes.Alert, HealthTag],
        // Idempotency keys are not tagged: no projection reads them (a tag row per write costs), and their
        // persistence ids (idempotency-{hash}) name them for audits.
        _ => [],
    };
}
