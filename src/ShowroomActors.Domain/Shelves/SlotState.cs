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
/// persisted. <see cref="Check"/> other than Ok means nothing was decided. When the request's readings recorded no
/// fact they are folded into the slot's steady run instead (<see cref="Folded"/> readings, none <see cref="Accepted"/>):
/// <see cref="FoldedState"/> is the slot's state with them, to take once <see cref="Events"/> (what fell due) are
/// persisted.
/// </summary>
public sealed record IngestDecision(
    DeviceCheck Check, IReadOnlyList<ISlotEvent> Events, int Accepted, int Duplicates, int Folded = 0, SlotState? FoldedState = null);

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
    /// <summary>
    /// Readings folded since the slot last recorded anything about its device: in memory only, summarised into the
    /// journal by the next event about the device, or by <see cref="Tick"/> once due. Never in a snapshot (a slot with
    /// folded readings is not snapshotted), so state recovered from the journal always has none.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public FoldedReadings? Steady { get; init; }

    public bool IsBound => Product is not null;
    public bool Lifted => Out > 0;

    /// <summary>Stable weight / unit weight, to the nearest unit; null before the load cell first settled.</summary>
    public int? EstimatedCount =>
        Scale.StableGrams is { } grams && Product is { } product ? WeightChange.Count(grams, product.UnitWeightGrams) : null;

    public SlotDisplay CurrentDisplay => new(SlotId, Display.Mode, Display.Version, Display.Mode == DisplayMode.Product ? Product : null);

    public static SlotState Empty(string slotId) => new() { SlotId = slotId };

    /// <summary>The next moment <see cref="Tick"/> has something to do (steady-run summary, screen idle, device offline, items lifted too long), or null.</summary>
    public DateTimeOffset? NextDueAt(SlotRules rules) =>
        Earliest(Earliest(Earliest(DisplayRules.IdleDueAt(Display, Out, rules), Device?.OfflineDueAt(rules)), Steady?.StartedAt + rules.SteadySummaryEvery),
            LiftOverdueAt(rules));

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    /// <summary>The summary of the folded readings, to persist before the slot stops or is bound anew; null when there are none.</summary>
    public static SteadyRunSummarized? CloseSteadyRun(SlotState state, string reason) =>
        state.Steady is { } held ? new SteadyRunSummarized(state.SlotId, held.Summary(state.Scale.Window), reason) : null;

    // ---- Decide --------------------------------------------------------------------------------------

    public static Decision<ISlotEvent> Decide(SlotState state, ISlotCommand command, DateTimeOffset now, SlotRules rules) => command switch
    {
        BindSlot c => Bind(state, c, now, rules),
        _ => Rejection.Invalid("command", $"A slot does not decide {command.GetType().Name}."),
    };

    private static Decision<ISlotEvent> Bind(SlotState state, BindSlot c, DateTimeOffset now, SlotRules rules)
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
        var events = new List<ISlotEvent>();
        if (CloseSteadyRun(state, "rebind") is { } summary) events.Add(summary);
        var bound = new SlotBound(c.SlotId, c.Product, c.DeviceId, salt, hash);
        events.Add(bound);
        events.AddRange(ClearedByRebind(Bound(state, bound), now, rules));
        if (!sameProduct && state.Display.Mode == DisplayMode.Product)
            events.Add(new DisplayChanged(c.SlotId, state.Display.Version + 1, DisplayMode.Idle, "rebound", now));
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
    /// What the passing of time makes due by <paramref name="now"/>: the steady run's periodic summary, the screen going
    /// idle, the device going offline (its folded readings are summarised first), items lifted too long.
    /// </summary>
    public static Decision<ISlotEvent> Tick(SlotState state, DateTimeOffset now, SlotRules rules)
    {
        var events = new List<ISlotEvent>();
        var offline = state.Device is { } device && device.OfflineDueAt(rules) is { } offlineAt && offlineAt <= now;
        if (state.Steady is { } held && (offline || held.StartedAt + rules.SteadySummaryEvery <= now))
            events.Add(CloseSteadyRun(state, offline ? "offline" : "every")!);
        if (DisplayRules.IdleDueAt(state.Display, state.Out, rules) is { } idleAt && idleAt <= now)
        {
            var reason = state.Out > 0 ? "max-play" : "returned";
            events.Add(new DisplayChanged(state.SlotId, state.Display.Version + 1, DisplayMode.Idle, reason, now));
        }
        if (offline)
            events.Add(new DeviceWentOffline(state.SlotId, state.Device!.DeviceId, state.Device.LastHeardAt!.Value, now));
        if (DueLiftOverdue(state, now, rules) is { } overdue) events.Add(overdue);
        return Decision<ISlotEvent>.Accept(events);
    }

    // ---- Apply ---------------------------------------------------------------------------------------

    /// <summary>
    /// Folds one event in. A <see cref="SensorBatchRecorded"/> first takes the steady run it closes, then its readings
    /// one by one (<see cref="Read"/>, and a settle where a reading carries one), then the pickup counters it recorded
    /// after its moves; the facts recorded after it in the same write touch other parts of the state (counters, flags),
    /// or name what they change (a v2 journal's settled weight names its run), so replaying them after the whole batch
    /// gives the state that deciding them reading by reading gave.
    /// </summary>
    public static SlotState Apply(SlotState state, ISlotEvent e) => e switch
    {
        SlotBound b => Bound(state, b),
        SensorBatchRecorded batch => Displayed(Counted(batch.Readings.Aggregate(Summarized(state, batch.Before), (s, r) => Settle(Read(s, r, batch.ReceivedAt), r)), batch), batch),
        SteadyRunSummarized summary => Summarized(state, summary.Run),
        DeviceRebooted => state with { Device = state.Device! with { Reboots = state.Device.Reboots + 1 } },
        SequenceGapDetected g => state with { Device = state.Device! with { MissedEvents = state.Device.MissedEvents + g.Missing } },
        DeviceCameOnline o => state with { Device = state.Device! with { Online = true, LastHeardAt = o.At } },
        DeviceWentOffline => state with { Device = state.Device! with { Online = false } },
        BatteryFlagChanged f => state with { Device = state.Device! with { BatteryLow = f.Low } },
        ClockSkewNoted n => state with { Device = state.Device! with { ClockSkewed = n.Skewed } },
        LiftOverdueChanged l => state with { LiftOverdue = l.Overdue },
        StockFlagChanged f => state with { StockLow = f.Low },
        WeightSettled w => state with { Scale = new ScaleState(w.StableGrams, SettleRun(state.Scale.Window, w.Boot, w.FromSeq)) },
        ItemsMoved m => Moved(state, m.LiftsAfter, m.ReturnsAfter, m.OutAfter, m.Lifted > 0 ? m.At : null, m.Returned > 0 ? m.At : null),
        DisplayChanged d => state with
        {
            Display = state.Display with { Mode = d.Mode, Version = d.Version, ShownAt = d.Mode == DisplayMode.Product ? d.At : null },
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

    /// <summary>The current run, marked settled when it is the run that began with (<paramref name="boot"/>, <paramref name="fromSeq"/>) (a later run is not).</summary>
    private static LoadCellWindow? SettleRun(LoadCellWindow? window, long boot, long fromSeq) =>
        window is not null && window.IsRun(boot, fromSeq) ? window with { Settled = true } : window;

    /// <summary>After reading <paramref name="r"/>: the load cell's new baseline when it settled with it.</summary>
    internal static SlotState Settle(SlotState state, RecordedReading r) =>
        r.Settled is not { } settle ? state
        : state with { Scale = new ScaleState(settle.StableGrams, SettleRun(state.Scale.Window, r.Boot, settle.FromSeq)) };

    /// <summary>
    /// A steady run closed. In memory the slot holds its readings already (they were read as they were folded): it only
    /// lets go of them. On replay the slot never holds any: the summary restores what they did — the device's position,
    /// when it was last heard, its battery, and the load cell's run — which is the same state.
    /// </summary>
    internal static SlotState Summarized(SlotState state, SteadyRun? run)
    {
        if (run is null) return state;
        if (state.Steady is { } held && held.Boot == run.Boot && held.FirstSeq == run.FirstSeq) return state with { Steady = null };
        var device = state.Device! with { Boot = run.Boot, LastSeq = run.LastSeq, LastHeardAt = run.HeardAt, Battery = run.Battery ?? state.Device.Battery };
        return state with { Device = device, Scale = state.Scale with { Window = run.WindowAfter(state.Scale.Window) }, Steady = null };
    }

    /// <summary>A batch whose lift turned the screen to the product.</summary>
    private static SlotState Displayed(SlotState state, SensorBatchRecorded batch) =>
        batch.Shown is { } version ? Shown(state, version, batch.ReceivedAt) : state;

    /// <summary>The screen shows the product from <paramref name="at"/>, as display version <paramref name="version"/>.</summary>
    internal static SlotState Shown(SlotState state, long version, DateTimeOffset at) =>
        state with { Display = state.Display with { Mode = DisplayMode.Product, Version = version, ShownAt = at } };

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
            LiftedSince = LiftedSinceAfter(state, itemsOut, liftAt),
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
            LiftedSince = sameScale ? state.LiftedSince : null,
        };
    }
}
