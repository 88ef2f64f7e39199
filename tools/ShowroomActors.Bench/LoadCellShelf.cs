namespace ShowroomActors.Bench;

/// <summary>
/// A shelf of load-cell slots as a real showroom sees it, for the storage figure: every slot reports its filtered net
/// weight four times a second (±3 g of filter noise), and mostly nothing moves. Now and then (on average every
/// <see cref="MeanSecondsBetweenLifts"/> seconds somewhere on the shelf) a shopper lifts one item from a random idle
/// slot that has rested at least 3 s: half a second of motion (swings up to ±150 g), a hold of 2-6 s, half a second of
/// motion, back on the plate.
/// Deterministic for a seed, so runs compare.
/// </summary>
public sealed class LoadCellShelf
{
    public const int ReadingsPerSecond = 4;
    public static readonly TimeSpan ReadingEvery = TimeSpan.FromSeconds(1.0 / ReadingsPerSecond);
    private static readonly TimeSpan Motion = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Rest = TimeSpan.FromSeconds(3);

    private readonly Random _random;
    private readonly Slot[] _slots;
    private readonly double _meanSecondsBetweenLifts;
    private TimeSpan _nextLift;

    public LoadCellShelf(int slots, double meanSecondsBetweenLifts, int seed = 20200908)
    {
        _random = new Random(seed);
        _meanSecondsBetweenLifts = meanSecondsBetweenLifts;
        _slots = Enumerable.Range(0, slots).Select(i => new Slot(UnitGrams: 250 + 50 * (i % 10), Items: 8 + i % 5)).ToArray();
        _nextLift = NextGap();
    }

    public double MeanSecondsBetweenLifts => _meanSecondsBetweenLifts;
    public int Slots => _slots.Length;
    public int UnitGrams(int slot) => _slots[slot].UnitGrams;
    /// <summary>Lifts that lasted long enough for the load cell's no-motion rule (every one here: holds are 2 s or more).</summary>
    public int Lifts { get; private set; }

    /// <summary>No shopper starts a lift any more (the run is ending): what is in motion comes to rest.</summary>
    public bool Closing { get; set; }

    /// <summary>Each slot's reading at <paramref name="elapsed"/> since the start, in grams.</summary>
    public long[] Readings(TimeSpan elapsed)
    {
        if (!Closing && elapsed >= _nextLift)
        {
            // A slot is lifted again only once it has rested a while: a load cell cannot tell a put-back shorter than
            // its no-motion time from no put-back at all.
            var idle = _slots.Where(s => s.Phase == Phase.Resting && elapsed - s.PhaseEnds >= Rest).ToList();
            if (idle.Count > 0)
            {
                var slot = idle[_random.Next(idle.Count)];
                slot.Phase = Phase.Lifting;
                slot.PhaseEnds = elapsed + Motion;
                Lifts++;
            }
            _nextLift = elapsed + NextGap();
        }
        var grams = new long[_slots.Length];
        for (var i = 0; i < _slots.Length; i++) grams[i] = _slots[i].Read(elapsed, _random);
        return grams;
    }

    private TimeSpan NextGap() => TimeSpan.FromSeconds(_meanSecondsBetweenLifts * (0.5 + _random.NextDouble()));

    private enum Phase { Resting, Lifting, Holding, Returning }

    private sealed class Slot(int UnitGrams, int Items)
    {
        public int UnitGrams { get; } = UnitGrams;
        public Phase Phase { get; set; } = Phase.Resting;
        /// <summary>When the current phase ends; for a resting slot, when its rest began.</summary>
        public TimeSpan PhaseEnds { get; set; } = TimeSpan.FromSeconds(-10);

        public long Read(TimeSpan elapsed, Random random)
        {
            if (Phase != Phase.Resting && elapsed >= PhaseEnds)
            {
                (Phase, PhaseEnds) = Phase switch
                {
                    Phase.Lifting => (Phase.Holding, elapsed + TimeSpan.FromMilliseconds(random.Next(2000, 6000))),
                    Phase.Holding => (Phase.Returning, elapsed + Motion),
                    _ => (Phase.Resting, elapsed),
                };
            }
            var onPlate = Phase == Phase.Holding ? Items - 1 : Items;
            var grams = (long)onPlate * UnitGrams + random.Next(-3, 4);
            if (Phase is Phase.Lifting or Phase.Returning) grams += random.Next(-150, 151) - UnitGrams / 2;
            return Math.Max(0, grams);
        }
    }
}
