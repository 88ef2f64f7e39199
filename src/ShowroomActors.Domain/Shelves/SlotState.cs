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
/// Pure: <see cref="Decide"/>, <see cref="Ingest"/> and <see cref="Tick"/> turn commands and the passing of time
/// into events; <see cref="Apply"/> folds one event in. Decisions over a batch apply each event as they go, so
/// later events of the batch see the state the earlier ones make.
/// </summary>
public sealed record SlotState : IShowroomMessage
{
    public const string SourceWeight = "weight";
    public const string SourceSensor = "sensor";

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

    /// <summary>
    /// Decides a batch of one device's events for this slot: authenticate first (nothing is decided for a wrong key),
    /// then take the events in (boot, seq) order; redeliveries make no event; every accepted event is recorded, and
    /// with it what it means (gaps, reboots, health, pickups, display).
    /// </summary>
    public static IngestDecision Ingest(SlotState state, IngestSensorEvents c, DateTimeOffset now, SlotRules rules)
    {
        var check = Verify(state, c.Events.Select(e => e.DeviceId), c.Key);
        if (check != DeviceCheck.Ok) return new IngestDecision(check, [], 0, 0);

        var batch = new Batch(state);
        foreach (var e in Tick(state, now, rules).Events) batch.Emit(e);
        int accepted = 0, duplicates = 0;
        SensorReading? newest = null;
        foreach (var r in c.Events.OrderBy(e => e.Boot).ThenBy(e => e.Seq))
        {
            if (Accept(batch, r, now, rules)) { accepted++; newest = r; }
            else duplicates++;
        }

        if (newest is not null) NoteClock(batch, newest, now, rules);
        return new IngestDecision(DeviceCheck.Ok, batch.Events, accepted, duplicates);
    }

    private static bool Accept(Batch batch, SensorReading r, DateTimeOffset now, SlotRules rules)
    {
        var device = batch.State.Device!;
        var verdict = SequenceRules.Classify(device.Boot, device.LastSeq, r.Boot, r.Seq);
        if (verdict is SequenceVerdict.Duplicate or SequenceVerdict.Stale) return false;

        var slot = batch.State.SlotId;
        if (verdict == SequenceVerdict.Reboot)
            batch.Emit(new DeviceRebooted(slot, device.DeviceId, device.Boot!.Value, r.Boot, device.LastSeq!.Value));
        var expected = SequenceRules.Expected(verdict, device.LastSeq);
        if (verdict is SequenceVerdict.Gap or SequenceVerdict.Reboot && r.Seq > expected)
            batch.Emit(new SequenceGapDetected(slot, device.DeviceId, r.Boot, expected, r.Seq));
        if (!device.Online) batch.Emit(new DeviceCameOnline(slot, device.DeviceId, now));
        batch.Emit(new SensorEventRecorded(slot, device.DeviceId, r.Boot, r.Seq, r.At, r.Kind, r.WeightGrams, r.Battery, now));

        if (r.Battery is { } battery)
        {
            var low = batch.State.Device!.BatteryLow;
            if (!low && battery < rules.BatteryLowBelow) batch.Emit(new BatteryFlagChanged(slot, device.DeviceId, battery, Low: true));
            else if (low && battery >= rules.BatteryOkFrom) batch.Emit(new BatteryFlagChanged(slot, device.DeviceId, battery, Low: false));
        }

        switch (r.Kind)
        {
            case SensorKind.Lifted: Lift(batch, device.DeviceId, 1, SourceSensor, now); break;
            case SensorKind.Returned: Return(batch, device.DeviceId, 1, SourceSensor, now); break;
            case SensorKind.Weight: Weigh(batch, device.DeviceId, now, rules); break;
            case SensorKind.Heartbeat: break;
        }
        return true;
    }

    /// <summary>After a weight reading: once the no-motion run is stable and away from the baseline, settle and count units.</summary>
    private static void Weigh(Batch batch, string deviceId, DateTimeOffset now, SlotRules rules)
    {
        var state = batch.State;
        if (state.Scale.Window is not { } window || !window.IsStable(rules.StableFor)) return;
        var unit = state.Product!.UnitWeightGrams;
        var stable = window.Mean;
        var previous = state.Scale.StableGrams;
        // Inside the band around the baseline: noise, nothing to record.
        if (previous is { } p && Math.Abs(stable - p) <= LoadCellWindow.ToleranceFor(unit)) return;

        batch.Emit(new WeightSettled(state.SlotId, deviceId, previous, stable, WeightChange.Count(stable, unit)));
        if (previous is null) return;
        var units = WeightChange.Units(previous.Value, stable, unit);
        if (units < 0) Lift(batch, deviceId, -units, SourceWeight, now);
        else if (units > 0) Return(batch, deviceId, units, SourceWeight, now);
    }

    private static void Lift(Batch batch, string deviceId, int count, string source, DateTimeOffset now)
    {
        var s = batch.State;
        batch.Emit(new ItemsLifted(s.SlotId, deviceId, count, source, s.Lifts + count, s.Out + count, now));
        if (s.Display.Mode == DisplayMode.Idle)
            batch.Emit(new DisplayChanged(s.SlotId, s.Display.Version + 1, DisplayMode.Product, s.Product, "lifted", now));
    }

    /// <summary>
    /// A sensor's put-back always counts. A weight rise counts as put-backs only up to the items out; the rest is
    /// restocking, which moves the baseline (and the estimated count) but is no return.
    /// </summary>
    private static void Return(Batch batch, string deviceId, int count, string source, DateTimeOffset now)
    {
        var s = batch.State;
        var returned = source == SourceWeight ? Math.Min(count, s.Out) : count;
        if (returned == 0) return;
        batch.Emit(new ItemsReturned(s.SlotId, deviceId, returned, source, s.Returns + returned, Math.Max(0, s.Out - returned), now));
    }

    /// <summary>Judges the device clock by the newest accepted event only: a gateway replaying a buffer sends old times first.</summary>
    private static void NoteClock(Batch batch, SensorReading newest, DateTimeOffset now, SlotRules rules)
    {
        var device = batch.State.Device!;
        var skew = newest.At - now;
        var skewed = skew.Duration() > rules.ClockSkewTolerance;
        if (skewed != device.ClockSkewed)
            batch.Emit(new ClockSkewNoted(batch.State.SlotId, device.DeviceId, newest.Seq, newest.At, now, (long)skew.TotalMilliseconds, skewed));
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

    public static SlotState Apply(SlotState state, ISlotEvent e) => e switch
    {
        SlotBound b => Bound(state, b),
        SensorEventRecorded r => Recorded(state, r),
        DeviceRebooted r => state with
        {
            Device = state.Device! with { Boot = r.Boot, LastSeq = -1, Reboots = state.Device.Reboots + 1 },
            Scale = state.Scale with { Window = null },
        },
        SequenceGapDetected g => state with { Device = state.Device! with { MissedEvents = state.Device.MissedEvents + g.Missing } },
        DeviceCameOnline o => state with { Device = state.Device! with { Online = true, LastHeardAt = o.At } },
        DeviceWentOffline => state with { Device = state.Device! with { Online = false } },
        BatteryFlagChanged f => state with { Device = state.Device! with { BatteryLow = f.Low } },
        ClockSkewNoted n => state with { Device = state.Device! with { ClockSkewed = n.Skewed } },
        WeightSettled w => state with { Scale = new ScaleState(w.StableGrams, state.Scale.Window! with { Settled = true }) },
        ItemsLifted l => state with { Lifts = l.LiftsAfter, Out = l.OutAfter, Display = state.Display with { LastLiftAt = l.At } },
        ItemsReturned r => state with { Returns = r.ReturnsAfter, Out = r.OutAfter, Display = state.Display with { LastReturnAt = r.At } },
        DisplayChanged d => state with
        {
            Display = state.Display with { Mode = d.Mode, Version = d.Version, ShownAt = d.Mode == DisplayMode.Product ? d.At : null },
            Showing = d.Product,
        },
        _ => state,
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

    private static SlotState Recorded(SlotState state, SensorEventRecorded r)
    {
        var device = state.Device! with { Boot = r.Boot, LastSeq = r.Seq, LastHeardAt = r.ReceivedAt, Battery = r.Battery ?? state.Device.Battery };
        var scale = r is { Kind: SensorKind.Weight, WeightGrams: { } grams } && state.Product is { } product
            ? state.Scale with { Window = LoadCellWindow.Add(state.Scale.Window, r.At, grams, LoadCellWindow.ToleranceFor(product.UnitWeightGrams)) }
            : state.Scale;
        return state with { Device = device, Scale = scale };
    }

    /// <summary>Decides a sequence of events, applying each as it goes.</summary>
    private sealed class Batch(SlotState state)
    {
        public SlotState State { get; private set; } = state;
        public List<ISlotEvent> Events { get; } = [];

        public void Emit(ISlotEvent e)
        {
            Events.Add(e);
            State = Apply(State, e);
        }
    }
}
