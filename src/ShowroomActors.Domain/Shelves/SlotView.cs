namespace ShowroomActors.Domain.Shelves;

/// <summary>
/// A bound slot as readers see it: the product on it, its pickup counters, the stock estimate of its load cell and
/// its device's health. Not the state: the key hash, the load cell's run and the display timing stay in the entity.
/// </summary>
public sealed record SlotView(
    string SlotId, SlotProduct Product, bool Lifted, int Lifts, int Returns, int? EstimatedCount, DeviceView? Device)
{
    /// <summary>The view of a bound slot's state, as of <paramref name="now"/> (a device not heard for too long is offline).</summary>
    public static SlotView Of(SlotState state, DateTimeOffset now, SlotRules rules) => new(
        state.SlotId,
        state.Product ?? throw new InvalidOperationException($"Slot '{state.SlotId}' is not set up."),
        state.Lifted,
        state.Lifts,
        state.Returns,
        state.EstimatedCount,
        state.Device is { } device ? DeviceView.Of(device, now, rules) : null);
}

/// <summary>
/// The slot's sensor device as an operator judges it: online, last sequence number, battery (and its low flag), boot
/// counter, reboots, events lost in gaps, clock skew and when it was last heard. Never its key.
/// </summary>
public sealed record DeviceView(
    string DeviceId,
    bool Online,
    long? LastSeq,
    int? Battery,
    bool BatteryLow,
    long? Boot,
    int Reboots,
    long MissedEvents,
    bool ClockSkewed,
    DateTimeOffset? LastHeardAt)
{
    public static DeviceView Of(DeviceState d, DateTimeOffset now, SlotRules rules) => new(
        d.DeviceId, d.IsOnlineAt(now, rules), d.LastSeq, d.Battery, d.BatteryLow, d.Boot, d.Reboots, d.MissedEvents, d.ClockSkewed, d.LastHeardAt);
}
