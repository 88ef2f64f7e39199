namespace ShowroomActors.Domain.Shelves;

/// <summary>
/// One ingest decision in the making: a working state that every decided event is applied to at once (readings one
/// at a time), so later readings see what earlier ones made, and the events in the order they are persisted: what fell
/// due before the request, all accepted readings (each with what it moved and settled, and the screen change a lift
/// made) as one <see cref="SensorBatchRecorded"/> that first closes the slot's steady run, then the facts they revealed
/// in the order found. <see cref="SlotState.Apply"/> replays that order to the same state (see there why).
/// A request whose readings reveal nothing — each the next seq, no fact, no move, no settle, no battery change worth
/// recording — is folded into the steady run instead (<see cref="Foldable"/>, <see cref="FoldedState"/>).
/// </summary>
internal sealed class IngestBatch(SlotState state, DateTimeOffset now)
{
    private readonly List<ISlotEvent> _due = [];
    private readonly List<SensorReading> _received = [];
    private readonly List<RecordedReading> _readings = [];
    private readonly List<ISlotEvent> _facts = [];
    private long? _shown;
    private bool _foldable = true;

    public SlotState State { get; private set; } = state;
    public DateTimeOffset Now { get; } = now;
    public int Readings => _readings.Count;

    /// <summary>The state after what fell due, before the first reading: where the steady run is closed or continued.</summary>
    public SlotState BeforeReadings { get; private set; } = state;

    /// <summary>Something that fell due before the request (a steady-run summary, screen idle, device offline).</summary>
    public void Due(ISlotEvent e)
    {
        _due.Add(e);
        State = BeforeReadings = SlotState.Apply(State, e);
    }

    /// <summary>An accepted reading.</summary>
    public void Record(SensorReading r)
    {
        var reading = RecordedReading.From(r);
        _received.Add(r);
        _readings.Add(reading);
        State = SlotState.Read(State, reading, Now);
    }

    /// <summary>The reading just accepted is worth recording on its own (not the next seq, a battery change).</summary>
    public void MustRecord() => _foldable = false;

    /// <summary>A fact about the device (gap, reboot, health, clock).</summary>
    public void Note(ISlotEvent e)
    {
        _facts.Add(e);
        State = SlotState.Apply(State, e);
    }

    /// <summary>Items lifted or put back by the reading just recorded.</summary>
    public void Move(int lifted, int returned)
    {
        var reading = _readings[^1];
        _readings[^1] = reading with { Lifted = reading.Lifted + lifted, Returned = reading.Returned + returned };
        var s = State;
        State = SlotState.Moved(s, s.Lifts + lifted, s.Returns + returned, Math.Max(0, s.Out + lifted - returned),
            lifted > 0 ? Now : null, returned > 0 ? Now : null);
    }

    /// <summary>The load cell settled at a new weight with the reading just recorded.</summary>
    public void Settle(WeightSettle settle)
    {
        _readings[^1] = _readings[^1] with { Settled = settle };
        State = SlotState.Settle(State, _readings[^1]);
    }

    /// <summary>A lift turned the idle screen to the product, as display version <paramref name="version"/>.</summary>
    public void Show(long version)
    {
        _shown = version;
        State = SlotState.Shown(State, version, Now);
    }

    /// <summary>True when every accepted reading only continued what the slot knew: fold them, record nothing of them.</summary>
    public bool Foldable =>
        _foldable && _readings.Count > 0 && _facts.Count == 0 && _shown is null
        && _readings.TrueForAll(r => r is { Lifted: 0, Returned: 0, Settled: null });

    /// <summary>The state with the readings folded into the steady run (only when <see cref="Foldable"/>).</summary>
    public SlotState FoldedState()
    {
        var before = BeforeReadings;
        var run = before.Steady ?? FoldedReadings.Start(_received[0], Now, before.Scale.Window, before.Device!.Battery);
        foreach (var r in before.Steady is null ? _received.Skip(1) : _received) run = run.Add(r, Now);
        return State with { Steady = run };
    }

    /// <summary>The events to persist with one PersistAll, in replay order (when folded: only what fell due).</summary>
    public IReadOnlyList<ISlotEvent> Events()
    {
        if (Foldable) return _due;
        var events = new List<ISlotEvent>(_due.Count + _facts.Count + 1);
        events.AddRange(_due);
        var deviceId = State.Device?.DeviceId ?? "";
        if (_readings.Count > 0)
        {
            var before = BeforeReadings;
            events.Add(new SensorBatchRecorded(State.SlotId, deviceId, Now, _readings.ToArray(),
                _readings.Exists(r => r.Lifted + r.Returned > 0) ? new PickupCounters(State.Lifts, State.Returns, State.Out) : null,
                before.Steady?.Summary(before.Scale.Window), _shown));
        }
        events.AddRange(_facts);
        return events;
    }
}
