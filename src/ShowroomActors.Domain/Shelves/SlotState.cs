using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Shelves;

/// <summary>Whether a key may speak for a slot's device.</summary>
public enum DeviceCheck
{
    Ok,
    /// <summary>No product was ever put on the slot.</summary>
    UnknownSlot,
    /// <summary>The slot has a product but no sensor device.</summary>
    NoDevice,
    /// <summary>Wrong key, or an event names a device that is not the slot's.</summary>
    Refused,
}

/// <summary>
/// What an ingest decided: the events to persist in one atomic write, and the counts to answer once they are
/// persisted. <see cref="Check"/> other than Ok means nothing was decided.
/// </summary>
public sealed record IngestDecision(DeviceCheck Check, IReadOnlyList<ISlotEvent> Events, int Accepted, int Duplicates);

/// <summary>
/// A shelf slot: the product on it, its sensor device, pickups and what its screen shows.
/// Pure: <see cref="Decide"/>, <see cref="Ingest"/> (in SlotIngest.cs) and <see cref="Tick"/> turn commands and the
/// passing of time into events; <see cref="Apply"/> folds one event in. Decisions over a batch apply each event as
/// they go, so later events of the batch see the state the earlier ones make.
/// </summary>
public sealed partial record SlotState : IShowroomMessage
{
    public string SlotId { get; init; } = "";
    public SlotProduct? Product { get; init; }
    public DeviceState? Device { get; init; }
    /// <summary>Pickups ever detected on this slot.</summary>
    public int Lifts { get; init; }
    /// <summary>Put-backs ever detected on this slot.</summary>
    public int Returns { get; init; }
    /// <summary>Items picked up and not (yet) put back.</summary>
    public int Out { get; init; }
    public ScaleState Scale { get; init; } = ScaleState.Unknown;
    public DisplayState Display { get; init; } = DisplayState.Initial;
    /// <summary>The product the screen shows in product mode (the copy in the last display event).</summary>
    public SlotProduct? Showing { get; init; }

    public bool IsBound => Product is not null;
    public bool Lifted => Out > 0;

    /// <summary>Stable weight / unit weight, to the nearest unit; null before the load cell first settled.</summary>
    public int? EstimatedCount =>
        Scale.StableGrams is { } grams && Product is { } product ? WeightChange.Count(grams, product.UnitWeightGrams) : null;

    public SlotDisplay CurrentDisplay => new(SlotId, Display.Mode, Display.Version, Display.Mode == DisplayMode.Product ? Showing : null);

    public static SlotState Empty(string slotId) => new() { SlotId = slotId };

    /// <summary>The next moment <see cref="Tick"/> has something to do (screen idle, device offline), or null.</summary>
    public DateTimeOffset? NextDueAt(SlotRules rules)
    {
        var idle = DisplayRules.IdleDueAt(Display, Out, rules);
        var offline = Device?.OfflineDueAt(rules);
        if (idle is null) return offline;
        if (offline is null) return idle;
        return idle < offline ? idle : offline;
    }

    // ---- Decide --------------------------------------------------------------------------------------

    public static Decision<ISlotEvent> Decide(SlotState state, ISlotCommand command, DateTimeOffset now, SlotRules rules) => command switch
    {
        BindSlot c => Bind(state, c, now),
        _ => Rejection.Invalid("command", $"A slot does not decide {command.GetType().Name}."),
    };

    private static Decision<ISlotEvent> Bind(SlotState state, BindSlot c, DateTimeOffset now)
    {
        if (Ids.Check(c.SlotId, "slotId") is { } badSlot) return badSlot;
        if (c.Product.Validate() is { } badProduct) return badProduct;
        if ((c.DeviceId is null) != (c.Key is null))
            return c.DeviceId is null
                ? Rejection.Invalid("deviceId", "'deviceId' is required with a 'deviceKey'.")
                : Rejection.Invalid("deviceKey", "'deviceKey' is required with a 'deviceId'.");
        if (c.DeviceId is not null && Ids.Check(c.DeviceId, "deviceId") is { } badDevice) return badDevice;
        if (c.Key is { } key && key.Value.Length is < DeviceSecret.MinLength or > DeviceSecret.MaxLength)
            return Rejection.Invalid("deviceKey", $"'deviceKey' must be {DeviceSecret.MinLength}-{DeviceSecret.MaxLength} characters.");

        var sameProduct = state.Product == c.Product;
        var sameDevice = state.Device?.DeviceId == c.DeviceId;
        var sameKey = c.Key is null
            ? state.Device is null
            : state.Device is { } d && DeviceKeys.Matches(d.KeySalt, d.KeyHash, c.Key);
        if (state.IsBound && sameProduct && sameDevice && sameKey) return Decision<ISlotEvent>.Nothing();

        var (salt, hash) = c.Key is null ? ((string?)null, (string?)null)
            : sameKey ? (state.Device!.KeySalt, state.Device.KeyHash)
            : (c.NewSalt, DeviceKeys.Hash(c.NewSalt, c.Key));
        var events = new List<ISlotEvent> { new SlotBound(c.SlotId, c.Product, c.DeviceId, salt, hash) };
        if (!sameProduct && state.Display.Mode == DisplayMode.Product)
            events.Add(new DisplayChanged(c.SlotId, state.Display.Version + 1, DisplayMode.Idle, null, "rebound", now));
        return Decision<ISlotEvent>.Accept(events);
    }

    /// <summary>Whether <paramref name="key"/> speaks for the slot's device and every one of <paramref name="deviceIds"/> is it.</summary>
    public static DeviceCheck Verify(SlotState state, IEnumerable<string> deviceIds, DeviceSecret key)
    {
        if (!state.IsBound) return DeviceCheck.UnknownSlot;
        if (state.Device is not { } device) return DeviceCheck.NoDevice;
        if (deviceIds.Any(id => id != device.DeviceId)) return DeviceCheck.Refused;
        return DeviceKeys.Matches(device.KeySalt, device.KeyHash, key) ? DeviceCheck.Ok : DeviceCheck.Refused;
    }

    /// <summary>What the passing of time makes due by <paramref name="now"/>: the screen going idle, the device going offline.</summary>
    public static Decision<ISlotEvent> Tick(SlotState state, DateTimeOffset now, SlotRules rules)
    {
        var events = new List<ISlotEvent>();
        if (DisplayRules.IdleDueAt(state.Display, state.Out, rules) is { } idleAt && idleAt <= now)
        {
            var reason = state.Out > 0 ? "max-play" : "returned";
            events.Add(new DisplayChanged(state.SlotId, state.Display.Version + 1, DisplayMode.Idle, null, reason, now));
        }
        if (state.Device is { } device && device.OfflineDueAt(rules) is { } offlineAt && offlineAt <= now)
            events.Add(new DeviceWentOffline(state.SlotId, device.DeviceId, device.LastHeardAt!.Value, now));
        return Decision<ISlotEvent>.Accept(events);
    }

    // ---- Apply ---------------------------------------------------------------------------------------

    /// <summary>
    /// Folds one event in. A <see cref="SensorBatchRecorded"/> folds its readings one by one (<see cref="Read"/>), then
    /// takes the pickup counters it recorded after its moves; the facts recorded after it in the same write touch other parts of the state (counters, flags, the baseline), or
    /// name what they change (a settled weight names its run), so replaying them after the whole batch gives the
    /// state that deciding them reading by reading gave.
    /// </summary>
    public static SlotState Apply(SlotState state, ISlotEvent e) => e switch
    {
        SlotBound b => Bound(state, b),
        SensorBatchRecorded batch => Counted(batch.Readings.Aggregate(state, (s, r) => Read(s, r, batch.ReceivedAt)), batch),
        DeviceRebooted => state with { Device = state.Device! with { Reboots = state.Device.Reboots + 1 } },
        SequenceGapDetected g => state with { Device = state.Device! with { MissedEvents = state.Device.MissedEvents + g.Missing } },
        DeviceCameOnline o => state with { Device = state.Device! with { Online = true, LastHeardAt = o.At } },
        DeviceWentOffline => state with { Device = state.Device! with { Online = false } },
        BatteryFlagChanged f => state with { Device = state.Device! with { BatteryLow = f.Low } },
        ClockSkewNoted n => state with { Device = state.Device! with { ClockSkewed = n.Skewed } },
        WeightSettled w => state with { Scale = new ScaleState(w.StableGrams, SettleRun(state.Scale.Window, w)) },
        ItemsMoved m => Moved(state, m.LiftsAfter, m.ReturnsAfter, m.OutAfter, m.Lifted > 0 ? m.At : null, m.Returned > 0 ? m.At : null),
        DisplayChanged d => state with
        {
            Display = state.Display with { Mode = d.Mode, Version = d.Version, ShownAt = d.Mode == DisplayMode.Product ? d.At : null },
            Showing = d.Product,
        },
        _ => state,
    };

    /// <summary>
    /// One accepted reading: the device's position (boot, seq), when it was last heard, its battery, and for a weight
    /// the no-motion run. A higher boot than before means the device restarted: the run starts afresh.
    /// </summary>
    internal static SlotState Read(SlotState state, RecordedReading r, DateTimeOffset receivedAt)
    {
        var before = state.Device!;
        var window = before.Boot is { } boot && r.Boot > boot ? null : state.Scale.Window;
        if (r is { Kind: SensorKind.Weight, WeightGrams: { } grams } && state.Product is { } product)
            window = LoadCellWindow.Add(window, r.Boot, r.Seq, r.At, grams, LoadCellWindow.ToleranceFor(product.UnitWeightGrams));
        var device = before with { Boot = r.Boot, LastSeq = r.Seq, LastHeardAt = receivedAt, Battery = r.Battery ?? before.Battery };
        // Sensor events and heartbeats leave the run as it was: keep the same ScaleState (this runs once per reading).
        var scale = ReferenceEquals(window, state.Scale.Window) ? state.Scale : state.Scale with { Window = window };
        return state with { Device = device, Scale = scale };
    }

    /// <summary>The current run, marked settled when it is the run <paramref name="w"/> settled (a later run is not).</summary>
    private static LoadCellWindow? SettleRun(LoadCellWindow? window, WeightSettled w) =>
        window is not null && window.IsRun(w.Boot, w.FromSeq) ? window with { Settled = true } : window;

    /// <summary>A batch's moves: the counters it recorded after them (a v1 batch has none; its ItemsMoved follows).</summary>
    private static SlotState Counted(SlotState state, SensorBatchRecorded batch) =>
        batch.CountersAfter is not { } after ? state
        : Moved(state, after.Lifts, after.Returns, after.Out, batch.Lifted > 0 ? batch.ReceivedAt : null, batch.Returned > 0 ? batch.ReceivedAt : null);

    /// <summary>The pickup counters after items moved; a lift or put-back at <c>At</c> also times the display.</summary>
    internal static SlotState Moved(SlotState state, int lifts, int returns, int itemsOut, DateTimeOffset? liftAt, DateTimeOffset? returnAt) =>
        state with
        {
            Lifts = lifts,
            Returns = returns,
            Out = itemsOut,
            Display = state.Display with { LastLiftAt = liftAt ?? state.Display.LastLiftAt, LastReturnAt = returnAt ?? state.Display.LastReturnAt },
        };

    private static SlotState Bound(SlotState state, SlotBound b)
    {
        var sameDevice = state.Device?.DeviceId == b.DeviceId;
        var sameScale = sameDevice && state.Product?.ProductId == b.Product.ProductId && state.Product.UnitWeightGrams == b.Product.UnitWeightGrams;
        DeviceState? device = b.DeviceId is null ? null
            : sameDevice ? state.Device! with { KeySalt = b.KeySalt!, KeyHash = b.KeyHash! }
            : new DeviceState(b.DeviceId, b.KeySalt!, b.KeyHash!);
        return state with
        {
            SlotId = b.SlotId,
            Product = b.Product,
            Device = device,
            Scale = sameScale ? state.Scale : ScaleState.Unknown,
            Out = sameScale ? state.Out : 0,
        };
    }
}
