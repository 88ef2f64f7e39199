namespace ShowroomActors.Domain.Shelves;

/// <summary>An event in a slot's journal (<c>slot-{slotId}</c>).</summary>
public interface ISlotEvent : Common.IDomainEvent
{
    string SlotId { get; }
}

/// <summary>
/// The slot now holds <paramref name="Product"/> (a copy) and, when <paramref name="DeviceId"/> is set, listens to that
/// device, whose key is stored only as <paramref name="KeyHash"/> = SHA-256(salt || key). Binding the same device
/// again with another key rotates the key and keeps its sequence tracking; another device or product starts afresh.
/// </summary>
public sealed record SlotBound(string SlotId, SlotProduct Product, string? DeviceId, string? KeySalt, string? KeyHash) : ISlotEvent;

/// <summary>
/// Every device event of one request that the slot accepted, in the order it applied them ((boot, seq) order), as
/// the device sent them, with the server's arrival time. The raw evidence: one row per slot per request instead of
/// one per device event, so ingest stays cheap (docs/SHELVES.md, "Event model"). Folding it in advances the device's
/// boot, seq, battery and the load cell's no-motion run exactly as the readings one by one would.
/// </summary>
public sealed record SensorBatchRecorded(string SlotId, string DeviceId, DateTimeOffset ReceivedAt, IReadOnlyList<RecordedReading> Readings) : ISlotEvent
{
    public bool Equals(SensorBatchRecorded? other) =>
        other is not null && SlotId == other.SlotId && DeviceId == other.DeviceId && ReceivedAt == other.ReceivedAt
        && Readings.SequenceEqual(other.Readings);

    public override int GetHashCode() => HashCode.Combine(SlotId, DeviceId, ReceivedAt, Readings.Count);
}

/// <summary>The device's seq jumped: <c>ReceivedSeq - ExpectedSeq</c> events of boot <c>Boot</c> never arrived.</summary>
public sealed record SequenceGapDetected(string SlotId, string DeviceId, long Boot, long ExpectedSeq, long ReceivedSeq) : ISlotEvent
{
    public long Missing => ReceivedSeq - ExpectedSeq;
}

/// <summary>
/// The device restarted (a higher boot counter); its seq numbering starts again. The readings of the new boot, in
/// the same request's <see cref="SensorBatchRecorded"/>, carry the new numbering and start the load cell's run afresh.
/// </summary>
public sealed record DeviceRebooted(string SlotId, string DeviceId, long PreviousBoot, long Boot, long LastSeqBefore) : ISlotEvent;

/// <summary>
/// The device's clock left (<c>Skewed</c> = true) or came back within (false) the tolerance of server time.
/// <c>SkewMilliseconds</c> = device time - server time.
/// </summary>
public sealed record ClockSkewNoted(string SlotId, string DeviceId, long Seq, DateTimeOffset DeviceAt, DateTimeOffset ServerAt, long SkewMilliseconds, bool Skewed) : ISlotEvent;

/// <summary>The device is heard again after being offline (or for the first time since it was bound).</summary>
public sealed record DeviceCameOnline(string SlotId, string DeviceId, DateTimeOffset At) : ISlotEvent;

/// <summary>Nothing was heard from the device since <c>LastHeardAt</c>, longer than the offline limit.</summary>
public sealed record DeviceWentOffline(string SlotId, string DeviceId, DateTimeOffset LastHeardAt, DateTimeOffset At) : ISlotEvent;

/// <summary>The low-battery flag was raised (<c>Low</c>) or cleared at this battery percentage.</summary>
public sealed record BatteryFlagChanged(string SlotId, string DeviceId, int Battery, bool Low) : ISlotEvent;

/// <summary>
/// The load cell settled at <c>StableGrams</c>: the mean of the no-motion run of boot <c>Boot</c> that began with
/// reading <c>FromSeq</c> and became stable with reading <c>ToSeq</c>. <c>PreviousGrams</c> is the stable weight before
/// (null the first time). Every stable change moves the baseline, so slow drift never accumulates.
/// </summary>
public sealed record WeightSettled(
    string SlotId, string DeviceId, long? PreviousGrams, long StableGrams, int EstimatedCount, long Boot, long FromSeq, long ToSeq) : ISlotEvent;

/// <summary>
/// Items picked up and put back as decided from one request: <c>Lifted</c> and <c>Returned</c> in all, the slot's
/// counters after them, and each reading that moved items (<c>Moves</c>, in order). One event per request however
/// many pickups it carried.
/// </summary>
public sealed record ItemsMoved(
    string SlotId, string DeviceId, int Lifted, int Returned, int LiftsAfter, int ReturnsAfter, int OutAfter, DateTimeOffset At,
    IReadOnlyList<ItemMove> Moves) : ISlotEvent
{
    public bool Equals(ItemsMoved? other) =>
        other is not null && SlotId == other.SlotId && DeviceId == other.DeviceId && Lifted == other.Lifted
        && Returned == other.Returned && LiftsAfter == other.LiftsAfter && ReturnsAfter == other.ReturnsAfter
        && OutAfter == other.OutAfter && At == other.At && Moves.SequenceEqual(other.Moves);

    public override int GetHashCode() => HashCode.Combine(SlotId, Lifted, Returned, LiftsAfter, ReturnsAfter, OutAfter, At, Moves.Count);
}

/// <summary>
/// The slot's screen changed. <c>Version</c> grows by one with every change, so screens can resume with
/// Last-Event-ID. Carries the product shown (null when idle).
/// </summary>
public sealed record DisplayChanged(string SlotId, long Version, DisplayMode Mode, SlotProduct? Product, string Reason, DateTimeOffset At) : ISlotEvent;
