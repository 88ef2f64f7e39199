namespace ShowroomActors.Domain.Shelves;

/// <summary>
/// Items were lifted off the slot and not all put back for longer than <c>showroom.shelves.lifted-too-long</c>
/// (<c>Overdue</c> = true, raised by the slot's own due-time tick, <c>Reason</c> <c>overdue</c>), or that condition
/// ended (<c>Overdue</c> = false): every item was back (<c>returned</c>, from the request that brought the last one
/// back, restocking included) or the slot was bound anew (<c>rebound</c>). <c>Out</c> is the items out at that moment,
/// <c>LiftedSince</c> when the slot last went from no item out to some. Written as <c>slot.lift-overdue.v1</c>.
/// </summary>
public sealed record LiftOverdueChanged(string SlotId, bool Overdue, int Out, DateTimeOffset? LiftedSince, string Reason, DateTimeOffset At) : ISlotEvent;

/// <summary>
/// The items on the shelf as the load cell counts them (the settled weight / the unit weight) dropped below
/// <c>Threshold</c> (<c>showroom.shelves.low-stock</c>; <c>Low</c> = true), or rose back to it or above (false, reason
/// <c>count</c>), or the slot was bound anew to another product or device, which forgets the count (false, reason
/// <c>rebound</c>, <c>EstimatedCount</c> null). Judged once per request, on the count after all its readings.
/// Written as <c>slot.stock-flag.v1</c>.
/// </summary>
public sealed record StockFlagChanged(string SlotId, string ProductId, int? EstimatedCount, int Threshold, bool Low, string Reason, DateTimeOffset At) : ISlotEvent;
