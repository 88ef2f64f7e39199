using ShowroomActors.Domain.Shelves;

namespace ShowroomActors.Domain.Tests.Shelves;

/// <summary>A bound slot driven through the pure functions, with a clock the test moves.</summary>
public sealed class ShelfScenario
{
    public const string Key = "key-of-lc-a01-0001";
    public static readonly SlotProduct Fuzhu = new("dongyuan-hakka-fuzhu-500g", "东源客家腐竹 500g", "山泉水手工制作。", "东源县",
        "东源县顺天镇金豆豆制品专业合作社", "作坊雇用了15名村民。", 3680, "FP44162520200003", 540);

    private long _seq;

    public ShelfScenario(SlotRules? rules = null, string deviceId = "lc-a01")
    {
        Rules = rules ?? SlotRules.Default;
        DeviceId = deviceId;
        var bind = SlotState.Decide(State, new BindSlot("A-01", Fuzhu, deviceId, new DeviceSecret(Key), DeviceKeys.NewSalt()), Now, Rules);
        Assert.False(bind.IsRejected);
        foreach (var e in bind.Events) State = SlotState.Apply(State, e);
        Bound = State;
    }

    public SlotRules Rules { get; }
    public string DeviceId { get; }
    public SlotState State { get; private set; } = SlotState.Empty("A-01");
    public DateTimeOffset Now { get; private set; } = new(2020, 9, 8, 10, 0, 0, TimeSpan.FromHours(8));
    public long Boot { get; set; }
    public List<ISlotEvent> History { get; } = [];

    public void Advance(TimeSpan by) => Now += by;

    public SensorReading Reading(SensorKind kind, long? grams = null, int? battery = null, long? seq = null, DateTimeOffset? at = null) =>
        new(DeviceId, Boot, seq ?? _seq++, at ?? Now, kind, grams, battery);

    /// <summary>Ingests the readings in one batch and applies what was decided; returns the decision.</summary>
    public IngestDecision Send(params SensorReading[] readings)
    {
        var decision = SlotState.Ingest(State, new IngestSensorEvents("A-01", new DeviceSecret(Key), readings), Now, Rules);
        foreach (var e in decision.Events) State = SlotState.Apply(State, e);
        if (decision.FoldedState is { } folded) State = folded;
        History.AddRange(decision.Events);
        return decision;
    }

    /// <summary>Weight readings every 250 ms (device time and server time move together), one batch per reading.</summary>
    public void Weigh(params long[] grams)
    {
        foreach (var g in grams)
        {
            Send(Reading(SensorKind.Weight, g));
            Advance(TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>Holds a weight for <paramref name="duration"/> with a deterministic jitter of up to ±<paramref name="noise"/> g.</summary>
    public void Hold(long grams, TimeSpan duration, int noise = 3)
    {
        var n = (int)(duration / TimeSpan.FromMilliseconds(250));
        for (var i = 0; i < n; i++) Weigh(grams + ((i * 7) % (2 * noise + 1)) - noise);
    }

    public void Tick()
    {
        var decision = SlotState.Tick(State, Now, Rules);
        foreach (var e in decision.Events) State = SlotState.Apply(State, e);
        History.AddRange(decision.Events);
    }

    public IEnumerable<T> Events<T>() => History.OfType<T>();

    /// <summary>The recorded batches that moved items (their readings' Lifted/Returned, the counters after).</summary>
    public IEnumerable<SensorBatchRecorded> Moves() => Events<SensorBatchRecorded>().Where(b => b.CountersAfter is not null);

    /// <summary>Every screen change recorded, in order: a lift's in its batch (product mode), the others as events.</summary>
    public IEnumerable<(long Version, DisplayMode Mode)> Displays() =>
        History.Select(e => e switch
            {
                SensorBatchRecorded { Shown: { } version } => (version, DisplayMode.Product),
                DisplayChanged d => (d.Version, d.Mode),
                _ => (-1L, DisplayMode.Idle),
            })
            .Where(d => d.Item1 >= 0);

    /// <summary>Every settled weight recorded, in order: the reading that settled and what it settled at.</summary>
    public IEnumerable<SettledAt> Settles() =>
        from batch in Events<SensorBatchRecorded>()
        from r in batch.Readings
        where r.Settled is not null
        select new SettledAt(r.Seq, r.Settled!.PreviousGrams, r.Settled.StableGrams, r.Settled.EstimatedCount, r.Settled.FromSeq);

    /// <summary>Summarises the folded readings as a stopping slot does (nothing when there are none).</summary>
    public void Stop()
    {
        if (SlotState.CloseSteadyRun(State, "stop") is not { } summary) return;
        State = SlotState.Apply(State, summary);
        History.Add(summary);
    }

    /// <summary>The state a recovery from the journal gives: the binding, then every event recorded since.</summary>
    public SlotState Replayed() => History.Aggregate(Bound, SlotState.Apply);

    private SlotState Bound { get; set; } = SlotState.Empty("A-01");

    public sealed record SettledAt(long Seq, long? PreviousGrams, long StableGrams, int EstimatedCount, long FromSeq);
}
