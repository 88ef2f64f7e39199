namespace ShowroomActors.Domain.Shelves;

/// <summary>
/// One ingest decision in the making: a working state that every decided event is applied to at once (readings one
/// at a time), so later readings see what earlier ones made, and the events in the order they are persisted: what fell
/// due before the request, all accepted readings (each with what it moved) as one <see cref="SensorBatchRecorded"/>,
/// the facts they revealed in the order found, then the display change. <see cref="SlotState.Apply"/> replays that
/// order to the same state (see there why).
/// </summary>
internal sealed class IngestBatch(SlotState state, DateTimeOffset now)
{
    private readonly List<ISlotEvent> _due = [];
    private readonly List<RecordedReading> _readings = [];
    private readonly List<ISlotEvent> _facts = [];
    private readonly List<ISlotEvent> _display = [];

    public SlotState State { get; private set; } = state;
    public DateTimeOffset Now { get; } = now;
    public int Accepted => _readings.Count;

    /// <summary>Something that fell due before the request (screen idle, device offline).</summary>
    public void Due(ISlotEvent e)
    {
        _due.Add(e);
        State = SlotState.Apply(State, e);
    }

    /// <summary>An accepted reading.</summary>
    public void Record(SensorReading r)
    {
        var reading = RecordedReading.From(r);
        _readings.Add(reading);
        State = SlotState.Read(State, reading, Now);
    }

    /// <summary>A fact about the device or the load cell (gap, reboot, health, settled weight, clock).</summary>
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

    public void Show(DisplayChanged e)
    {
        _display.Add(e);
        State = SlotState.Apply(State, e);
    }

    /// <summary>The events to persist with one PersistAll, in replay order.</summary>
    public IReadOnlyList<ISlotEvent> Events()
    {
        var events = new List<ISlotEvent>(_due.Count + _facts.Count + _display.Count + 1);
        events.AddRange(_due);
        var deviceId = State.Device?.DeviceId ?? "";
        if (_readings.Count > 0)
            events.Add(new SensorBatchRecorded(State.SlotId, deviceId, Now, _readings.ToArray(),
                _readings.Any(r => r.Lifted + r.Returned > 0) ? new PickupCounters(State.Lifts, State.Returns, State.Out) : null));
        events.AddRange(_facts);
        events.AddRange(_display);
        return events;
    }
}
