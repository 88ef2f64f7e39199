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

/// <summary>A device event accepted from the bound device, as the device sent it, with the server's arrival time.</summary>
public sealed record SensorEventRecorded(
    string SlotId, string DeviceId, long Boot, long Seq, DateTimeOffset At, SensorKind Kind,
    long? WeightGrams, int? Battery, DateTimeOffset ReceivedAt) : ISlotEvent;

/// <summary>The device's seq jumped: <c>ReceivedSeq - ExpectedSeq</c> events of boot <c>Boot</c> never arrived.</summary>
public sealed record SequenceGapDetected(string SlotId, string DeviceId, long Boot, long ExpectedSeq, long ReceivedSeq) : ISlotEvent
{
    public long Missing => ReceivedSeq - ExpectedSeq;
}

/// <summary>The device restarted (a higher boot counter); its seq numbering starts again.</summary>
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
/// The load cell settled at <c>StableGrams</c> (mean of a no-motion run). <c>PreviousGrams</c> is the stable weight
/// before (null the first time). Every stable change moves the baseline, so slow drift never accumulates.
/// </summary>
public sealed record WeightSettled(string SlotId, string DeviceId, long? PreviousGrams, long StableGrams, int EstimatedCount) : ISlotEvent;

/// <summary><c>Count</c> items were picked up. <c>Source</c>: <c>weight</c> (load cell) or <c>sensor</c> (RFID, IR).</summary>
public sealed record ItemsLifted(string SlotId, string DeviceId, int Count, string Source, int LiftsAfter, int OutAfter, DateTimeOffset At) : ISlotEvent;

/// <summary><c>Count</c> items were put back.</summary>
public sealed record ItemsReturned(string SlotId, string DeviceId, int Count, string Source, int ReturnsAfter, int OutAfter, DateTimeOffset At) : ISlotEvent;

/// <summary>
/// The slot's screen changed. <c>Version</c> grows by one with every change, so screens can resume with
/// Last-Event-ID. Carries the product shown (null when idle).
/// </summary>
public sealed record DisplayChanged(string SlotId, long Version, DisplayMode Mode, SlotProduct? Product, string Reason, DateTimeOffset At) : ISlotEvent;
