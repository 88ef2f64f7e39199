namespace ShowroomActors.Domain.Shelves;

/// <summary>The slot's decisions about device events: sequence, health, pickups on load cells and sensors, display.</summary>
public sealed partial record SlotState
{
    /// <summary>
    /// Decides a batch of one device's events for this slot: authenticate first (nothing is decided for a wrong key),
    /// then take the events in (boot, seq) order; redeliveries make no event. Everything accepted is recorded in one
    /// <see cref="SensorBatchRecorded"/> (each reading with the items it moved and the weight it settled, and the
    /// counters after, and the screen change a lift makes), followed by what else it means: gaps, reboots, health.
    /// When the accepted readings reveal nothing of that — the usual load cell confirming its weight four times a
    /// second — they are folded into the slot's steady run instead, and only summarised (docs/SHELVES.md, "Steady runs").
    /// </summary>
    public static IngestDecision Ingest(SlotState state, IngestSensorEvents c, DateTimeOffset now, SlotRules rules)
    {
        var check = Verify(state, c.Events.Select(e => e.DeviceId), c.Key);
        if (check != DeviceCheck.Ok) return new IngestDecision(check, [], 0, 0);

        var batch = new IngestBatch(state, now);
        foreach (var e in Tick(state, now, rules).Events) batch.Due(e);
        var duplicates = 0;
        SensorReading? newest = null;
        foreach (var r in c.Events.OrderBy(e => e.Boot).ThenBy(e => e.Seq))
        {
            if (Accept(batch, r, rules)) newest = r;
            else duplicates++;
        }

        if (newest is not null) NoteClock(batch, newest, rules);
        if (LiftBack(batch.State, now) is { } back) batch.Note(back);
        if (StockCrossed(batch.State, now, rules) is { } crossed) batch.Note(crossed);
        return batch.Foldable
            ? new IngestDecision(DeviceCheck.Ok, batch.Events(), 0, duplicates, batch.Readings, batch.FoldedState())
            : new IngestDecision(DeviceCheck.Ok, batch.Events(), batch.Readings, duplicates);
    }

    private static bool Accept(IngestBatch batch, SensorReading r, SlotRules rules)
    {
        var device = batch.State.Device!;
        var verdict = SequenceRules.Classify(device.Boot, device.LastSeq, r.Boot, r.Seq);
        if (verdict is SequenceVerdict.Duplicate or SequenceVerdict.Stale) return false;

        var slot = batch.State.SlotId;
        if (verdict == SequenceVerdict.Reboot)
            batch.Note(new DeviceRebooted(slot, device.DeviceId, device.Boot!.Value, r.Boot, device.LastSeq!.Value));
        var expected = SequenceRules.Expected(verdict, device.LastSeq);
        if (verdict is SequenceVerdict.Gap or SequenceVerdict.Reboot && r.Seq > expected)
            batch.Note(new SequenceGapDetected(slot, device.DeviceId, r.Boot, expected, r.Seq));
        if (!device.Online) batch.Note(new DeviceCameOnline(slot, device.DeviceId, batch.Now));
        var recordedBattery = batch.BeforeReadings.Steady?.BatteryBefore ?? batch.BeforeReadings.Device!.Battery;
        batch.Record(r);
        if (verdict != SequenceVerdict.Next) batch.MustRecord();
        if (r.Battery is { } reported && (recordedBattery is not { } recorded || Math.Abs(reported - recorded) >= rules.BatteryChangeRecordedFrom))
            batch.MustRecord();

        if (r.Battery is { } battery)
        {
            var low = batch.State.Device!.BatteryLow;
            if (!low && battery < rules.BatteryLowBelow) batch.Note(new BatteryFlagChanged(slot, device.DeviceId, battery, Low: true));
            else if (low && battery >= rules.BatteryOkFrom) batch.Note(new BatteryFlagChanged(slot, device.DeviceId, battery, Low: false));
        }

        switch (r.Kind)
        {
            case SensorKind.Lifted: Lift(batch, 1); break;
            case SensorKind.Returned: Return(batch, 1, fromWeight: false); break;
            case SensorKind.Weight: Weigh(batch, r, rules); break;
            case SensorKind.Heartbeat: break;
        }
        return true;
    }

    /// <summary>After a weight reading: once the no-motion run is stable and away from the baseline, settle and count units.</summary>
    private static void Weigh(IngestBatch batch, SensorReading r, SlotRules rules)
    {
        var state = batch.State;
        if (state.Scale.Window is not { } window || !window.IsStable(rules.StableFor)) return;
        var unit = state.Product!.UnitWeightGrams;
        var stable = window.Mean;
        var previous = state.Scale.StableGrams;
        // Inside the band around the baseline: noise, nothing to record.
        if (previous is { } p && Math.Abs(stable - p) <= LoadCellWindow.ToleranceFor(unit)) return;

        batch.Settle(new WeightSettle(previous, stable, WeightChange.Count(stable, unit), window.FirstSeq));
        if (previous is null) return;
        var units = WeightChange.Units(previous.Value, stable, unit);
        if (units < 0) Lift(batch, -units);
        else if (units > 0) Return(batch, units, fromWeight: true);
    }

    private static void Lift(IngestBatch batch, int count)
    {
        batch.Move(lifted: count, returned: 0);
        var s = batch.State;
        if (s.Display.Mode == DisplayMode.Idle)
            batch.Show(s.Display.Version + 1);
    }

    /// <summary>
    /// A sensor's put-back always counts. A weight rise counts as put-backs only up to the items out; the rest is
    /// restocking, which moves the baseline (and the estimated count) but is no return.
    /// </summary>
    private static void Return(IngestBatch batch, int count, bool fromWeight)
    {
        var returned = fromWeight ? Math.Min(count, batch.State.Out) : count;
        if (returned > 0) batch.Move(lifted: 0, returned: returned);
    }

    /// <summary>Judges the device clock by the newest accepted event only: a gateway replaying a buffer sends old times first.</summary>
    private static void NoteClock(IngestBatch batch, SensorReading newest, SlotRules rules)
    {
        var device = batch.State.Device!;
        var skew = newest.At - batch.Now;
        var skewed = skew.Duration() > rules.ClockSkewTolerance;
        if (skewed != device.ClockSkewed)
            batch.Note(new ClockSkewNoted(batch.State.SlotId, device.DeviceId, newest.Seq, newest.At, batch.Now, (long)skew.TotalMilliseconds, skewed));
    }
}
