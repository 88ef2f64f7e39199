using ShowroomActors.Domain.Shelves;

namespace ShowroomActors.Actors.Shelves;

/// <summary>
/// <c>slot.sensor-batch.v1</c>, as written before a batch recorded what each reading moved: those moves and the
/// counters after them followed in the same write as an <see cref="ItemsMoved"/>. Only read (journals keep it for
/// ever): the serializer upcasts it to the current <see cref="SensorBatchRecorded"/> with no counters, so replay takes
/// the counters from the <see cref="ItemsMoved"/> that follows, as it always did.
/// </summary>
public sealed record SensorBatchRecordedV1(string SlotId, string DeviceId, DateTimeOffset ReceivedAt, IReadOnlyList<RecordedReading> Readings) : ISlotEvent
{
    public SensorBatchRecorded Upcast() => new(SlotId, DeviceId, ReceivedAt, Readings, CountersAfter: null);
}

/// <summary>
/// <c>slot.display-changed.v1</c>, as written before the screen's product was left to the slot's binding: it carried a
/// copy of the product shown, always the slot's product at that moment (a new product sends the screen idle first).
/// Only read: the serializer upcasts it to the current <see cref="DisplayChanged"/>, dropping the copy.
/// </summary>
public sealed record DisplayChangedV1(string SlotId, long Version, DisplayMode Mode, SlotProduct? Product, string Reason, DateTimeOffset At) : ISlotEvent
{
    public DisplayChanged Upcast() => new(SlotId, Version, Mode, Reason, At);
}
