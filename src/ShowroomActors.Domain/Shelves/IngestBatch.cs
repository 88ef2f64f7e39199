namespace ShowroomActors.Domain.Shelves;

/// <summary>
/// One ingest decision in the making: a working state that every decided event is applied to at once (readings one
/// at a time), so later readings see what earlier ones made, and the events in the order they are persisted: what fell
/// due before the request, all accepted readings as one <see cref="SensorBatchRecorded"/>, the facts they revealed in
/// the order found, one <see cref="ItemsMoved"/>, then the display change. <see cref="SlotState.Apply"/> replays that
/// order to the same state (see there why).
/// </summary>
internal sealed class IngestBatch(SlotState state, DateTimeOffset now)
{
    private readonly List<ISlotEvent> _due = [];
    private readonly List<RecordedReading> _readings = [];
    private readonly List<ISlotEvent> _facts = [];
    private readonly List<ItemMove> _moves = [];
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

    /// <summary>Items lifted or put back by one reading.</summary>
    public void Move(ItemMove move)
    {
        _moves.Add(move);
        var s = State;
        State = SlotState.Moved(s, s.Lifts + move.Lifted, s.Returns + move.Returned, Math.Max(0, s.Out + move.Lifted - move.Returned),
            move.Lifted > 0 ? Now : null, move.Returned > 0 ? Now : null);
    }

    public void Show(DisplayChanged e)
    {
        _display.Add(e);
        State = SlotState.Apply(State, e);
    }

    /// <summary>The events to persist with one PersistAll, in replay order.</summary>
    public IReadOnlyList<ISlotEvent> Events()
    {
        var events = new List<ISlotEvent>(_due.Count + _facts.Count + _display.Count + 2);
        events.AddRange(_due);
        var deviceId = State.Device?.DeviceId ?? "";
        if (_readings.Count > 0) events.Add(new SensorBatchRecorded(State.SlotId, deviceId, Now, _readings.ToArray()));
        events.AddRange(_facts);
        if (_moves.Count > 0)
            events.Add(new ItemsMoved(State.SlotId, deviceId, _moves.Sum(m => m.Lifted), _moves.Sum(m => m.Returned),
                State.Lifts, State.Returns, State.Out, Now, _moves.ToArray()));
        events.AddRange(_display);
        return events;
    }
}
