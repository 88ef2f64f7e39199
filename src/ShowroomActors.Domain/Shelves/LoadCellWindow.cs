namespace ShowroomActors.Domain.Shelves;

/// <summary>
/// The no-motion rule of weighing indicators, as a fold over a load cell's readings: the run of latest readings
/// that all lie within <c>tolerance</c> grams of each other (max - min). A reading outside that band starts a new
/// run. The run is stable once it spans <see cref="SlotRules.StableFor"/>; its value is the mean of the run.
/// A run that settled as a new weight (<see cref="Settled"/>) is not settled again, however long it lasts.
/// A run is known by its first reading (<see cref="Boot"/>, <see cref="FirstSeq"/>), which is how a
/// <see cref="WeightSettled"/> names the run it settled.
/// </summary>
public sealed record LoadCellWindow(
    long Boot, long FirstSeq, DateTimeOffset Start, DateTimeOffset Last, long Min, long Max, long Sum, int Count,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)] bool Settled)
{
    public static LoadCellWindow Begin(long boot, long seq, DateTimeOffset at, long grams) => new(boot, seq, at, at, grams, grams, grams, 1, false);

    /// <summary>The grams of the mean reading of the run, rounded to the nearest gram (derived: not stored).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public long Mean => (long)Math.Round((double)Sum / Count, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Folds in one reading. A reading outside the band, or one whose device time runs backwards (a clock reset),
    /// starts a new run at that reading.
    /// </summary>
    public static LoadCellWindow Add(LoadCellWindow? window, long boot, long seq, DateTimeOffset at, long grams, long tolerance)
    {
        if (window is null || at < window.Last) return Begin(boot, seq, at, grams);
        var min = Math.Min(window.Min, grams);
        var max = Math.Max(window.Max, grams);
        if (max - min > tolerance) return Begin(boot, seq, at, grams);
        return window with { Last = at, Min = min, Max = max, Sum = window.Sum + grams, Count = window.Count + 1 };
    }

    /// <summary>
    /// The run after <paramref name="count"/> more readings that all stayed in its band, the last at
    /// <paramref name="last"/>: what adding them one by one gives (how a <see cref="SteadyRun"/> replays).
    /// </summary>
    public LoadCellWindow Extend(long min, long max, long sum, int count, DateTimeOffset last) =>
        this with { Last = last, Min = Math.Min(Min, min), Max = Math.Max(Max, max), Sum = Sum + sum, Count = Count + count };

    /// <summary>True when this is the run that began with reading (<paramref name="boot"/>, <paramref name="firstSeq"/>).</summary>
    public bool IsRun(long boot, long firstSeq) => Boot == boot && FirstSeq == firstSeq;

    /// <summary>True when the run spans <paramref name="stableFor"/> and has not yet been settled as a new weight.</summary>
    public bool IsStable(TimeSpan stableFor) => !Settled && Count >= 2 && Last - Start >= stableFor;

    /// <summary>
    /// The band readings must stay in for a given unit weight: a tenth of a unit, at least 5 g and at most 50 g.
    /// Well under half a unit, so lifting one item always breaks the band.
    /// </summary>
    public static long ToleranceFor(int unitWeightGrams) => Math.Clamp(unitWeightGrams / 10, 5, 50);
}

/// <summary>What a newly stable weight means against the previous stable weight.</summary>
public static class WeightChange
{
    /// <summary>
    /// Whole units moved: negative = lifted, positive = put back, 0 = noise or drift (less than half a unit), which
    /// only moves the baseline. Several units at once are several items.
    /// </summary>
    public static int Units(long previousGrams, long stableGrams, int unitWeightGrams) =>
        (int)Math.Round((double)(stableGrams - previousGrams) / unitWeightGrams, MidpointRounding.AwayFromZero);

    /// <summary>How many units a stable weight holds, to the nearest unit.</summary>
    public static int Count(long stableGrams, int unitWeightGrams) =>
        (int)Math.Round((double)stableGrams / unitWeightGrams, MidpointRounding.AwayFromZero);
}
