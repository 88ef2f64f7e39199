using System.Text.Json.Serialization;

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
/// The device events of one request that the slot recorded, in the order it applied them ((boot, seq) order), as the
/// device sent them, with the server's arrival time, and what each one meant: a reading's <c>Lifted</c> or
/// <c>Returned</c> (a sensor's pickup or put-back, or the weight reading that completed a stable change) and its
/// <c>Settled</c> (the load cell settled at a new weight with this reading). When any reading moved items,
/// <paramref name="CountersAfter"/> holds the slot's pickup counters after the whole request. When the slot had folded
/// readings since it last recorded anything (<see cref="SteadyRun"/>), <paramref name="Before"/> summarises them: they
/// came first. When a lift in it turned the idle screen to the product, <paramref name="Shown"/> is the screen's new
/// display version (in product mode from <c>ReceivedAt</c>; v2 journals wrote a <see cref="DisplayChanged"/> for it).
/// One row per slot per request, so ingest stays cheap (docs/SHELVES.md, "Event model").
/// Written as <c>slot.sensor-batch.v3</c>. Still read: v2 (the same shape without <c>before</c> and <c>settled</c>:
/// its settled weights followed as <see cref="WeightSettled"/> events) and v1 (no moves, no counters; an
/// <see cref="ItemsMoved"/> followed).
/// </summary>
public sealed record SensorBatchRecorded(
    string SlotId, string DeviceId, DateTimeOffset ReceivedAt, IReadOnlyList<RecordedReading> Readings,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    PickupCounters? CountersAfter = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    SteadyRun? Before = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    long? Shown = null) : ISlotEvent
{
    public bool Equals(SensorBatchRecorded? other) =>
        other is not null && SlotId == other.SlotId && DeviceId == other.DeviceId && ReceivedAt == other.ReceivedAt
        && Readings.SequenceEqual(other.Readings) && CountersAfter == other.CountersAfter && Before == other.Before && Shown == other.Shown;

    public override int GetHashCode() => HashCode.Combine(SlotId, DeviceId, ReceivedAt, Readings.Count, CountersAfter);

    /// <summary>Items lifted by this request's readings in all (not stored: the readings carry them).</summary>
    [JsonIgnore]
    public int Lifted => Readings.Sum(r => r.Lifted);

    /// <summary>Items put back by this request's readings in all (not stored).</summary>
    [JsonIgnore]
    public int Returned => Readings.Sum(r => r.Returned);
}

/// <summary>
/// The slot summarised the readings its device sent and it folded (<see cref="SteadyRun"/>), without recording a
/// reading of its own (the device is the one bound by the slot's last <see cref="SlotBound"/>):
/// <c>Reason</c> <c>every</c> (the periodic summary, at least every <c>showroom.shelves.steady-summary-every</c>),
/// <c>stop</c> (the slot entity stopped: passivation, hand-off, shutdown), <c>rebind</c> (a new binding follows) or
/// <c>offline</c> (the device went silent). Written as <c>slot.steady-run.v1</c>.
/// </summary>
public sealed record SteadyRunSummarized(string SlotId, SteadyRun Run, string Reason) : ISlotEvent;

/// <summary>A slot's pickup counters: items lifted and put back since it was bound, and items out now.</summary>
public sealed record PickupCounters(int Lifts, int Returns, int Out);

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
/// No longer written (journals keep it for ever): before <c>slot.sensor-batch.v3</c> a settled weight followed its batch
/// as this event; now the reading that settled carries it (<see cref="RecordedReading.Settled"/>).
/// The load cell settled at <c>StableGrams</c>: the mean of the no-motion run of boot <c>Boot</c> that began with
/// reading <c>FromSeq</c> and became stable with reading <c>ToSeq</c>. <c>PreviousGrams</c> is the stable weight before
/// (null the first time).
/// </summary>
public sealed record WeightSettled(
    string SlotId, string DeviceId, long? PreviousGrams, long StableGrams, int EstimatedCount, long Boot, long FromSeq, long ToSeq) : ISlotEvent;

/// <summary>
/// No longer written (journals keep it for ever): before <c>slot.sensor-batch.v2</c> each reading's moves and the
/// counters after them went into this second event of the request, after the v1 batch.
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
/// The slot's screen changed by the passing of time or a new binding (back to idle). <c>Version</c> grows by one with
/// every change, so screens can resume with Last-Event-ID; a lift's change to product mode is part of its batch
/// (<see cref="SensorBatchRecorded.Shown"/>). In product mode the screen shows the slot's product (the copy in its
/// <see cref="SlotBound"/>; a new product on the slot sends the screen idle first). Written as
/// <c>slot.display-changed.v2</c>; v1 (also for lifts) carried a copy of the product, read and dropped on replay.
/// </summary>
public sealed record DisplayChanged(string SlotId, long Version, DisplayMode Mode, string Reason, DateTimeOffset At) : ISlotEvent;
