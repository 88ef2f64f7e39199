namespace ShowroomActors.ShelfSim;

/// <summary>One reading as a device posts it.</summary>
public sealed record DeviceEvent(string DeviceId, string SlotId, long Seq, long Boot, DateTimeOffset At, string Type, long? WeightGrams, int? Battery);

/// <summary>
/// A load-cell slot and the shoppers in front of it. Readings are the net weight of the items on the plate plus
/// filter noise (±3 g); while something moves, a swing of up to ±150 g. Shoppers lift one item and put it back, lift
/// two at once, touch an item without lifting it for long (which must show nothing), or take one away for good; staff
/// restock when few are left. The device numbers readings per boot and can reboot.
/// </summary>
public sealed class SimulatedShelf(string slotId, string deviceId, int unitWeightGrams, Random random)
{
    private static readonly TimeSpan Motion = TimeSpan.FromMilliseconds(500);

    private enum Phase { Resting, Lifting, Holding, Returning }

    private Phase _phase = Phase.Resting;
    private DateTimeOffset _phaseEnds = DateTimeOffset.MinValue;
    private DateTimeOffset _offlineUntil = DateTimeOffset.MinValue;
    private int _lifted;
    private bool _keeps;
    private bool _quick;
    private long _seq;
    private int _battery = 95;

    public string SlotId { get; } = slotId;
    public string DeviceId { get; } = deviceId;
    public int UnitWeightGrams { get; } = unitWeightGrams;
    public int Items { get; private set; } = 8;
    /// <summary>
    /// The device's boot counter. A real device keeps it in flash; the simulator starts from the clock, so a second
    /// run on the same device (whose seq starts at 0 again) is a new boot, not a flood of duplicates.
    /// </summary>
    public long Boot { get; private set; } = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    /// <summary>Lifts a load cell should detect (quick touches excluded), and put-backs.</summary>
    public int ExpectedLifts { get; private set; }
    public int ExpectedReturns { get; private set; }
    /// <summary>When the current detectable lift began to move, for the lift-to-screen time a shopper sees.</summary>
    public DateTimeOffset? LiftBegan { get; private set; }

    /// <summary>What happened, for the log; drained by the runner.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>The device restarts: a new boot counter, numbering from 0, silent for two seconds.</summary>
    public void Reboot(DateTimeOffset now)
    {
        Boot++;
        _seq = 0;
        _offlineUntil = now.AddSeconds(2);
        Notes.Add($"device {DeviceId} reboots (boot {Boot}, seq from 0, silent 2 s)");
    }

    /// <summary>The host's no-motion time (showroom.shelves.stable-for), to know which reading completes a lift.</summary>
    public TimeSpan StableFor { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// True for the reading that completes the current lift: the first one a no-motion time after the item stopped
    /// moving. The screen's time is measured from sending it.
    /// </summary>
    public bool LastWasDeciding { get; private set; }

    private DateTimeOffset? _stillSince;
    private bool _decided;

    /// <summary>No shopper starts anything any more (the run is ending): what is in motion settles.</summary>
    public bool Closing { get; set; }

    /// <summary>A heartbeat that takes the next seq: the first thing the device says, to check its key.</summary>
    public DeviceEvent Heartbeat(DateTimeOffset now) => new(DeviceId, SlotId, _seq++, Boot, now, "heartbeat", null, null);

    /// <summary>The reading of this moment, or null while the device is rebooting.</summary>
    public DeviceEvent? Tick(DateTimeOffset now)
    {
        Advance(now);
        LastWasDeciding = false;
        if (now < _offlineUntil) return null;
        if (_phase == Phase.Holding)
        {
            _stillSince ??= now;
            if (!_decided && now - _stillSince >= StableFor) _decided = LastWasDeciding = true;
        }
        long grams = (Items - (_phase is Phase.Holding ? _lifted : 0)) * (long)UnitWeightGrams + random.Next(-3, 4);
        if (_phase is Phase.Lifting or Phase.Returning) grams += random.Next(-150, 151) - _lifted * UnitWeightGrams / 2;
        int? battery = null;
        if (_seq % 40 == 0)
        {
            _battery = Math.Max(5, _battery - random.Next(0, 2));
            battery = _battery;
        }
        return new DeviceEvent(DeviceId, SlotId, _seq++, Boot, now, "weight", Math.Max(0, grams), battery);
    }

    private void Advance(DateTimeOffset now)
    {
        if (_phaseEnds == DateTimeOffset.MinValue) Rest(now); // let the load cell settle on its first weight
        if (now < _phaseEnds) return;
        switch (_phase)
        {
            case Phase.Resting:
                if (Closing || random.NextDouble() > 0.08) return; // waiting for a shopper
                StartAction(now);
                break;
            case Phase.Lifting:
                _phase = Phase.Holding;
                _phaseEnds = now.AddMilliseconds(random.Next(2000, 6000));
                break;
            case Phase.Holding when _keeps:
                Items -= _lifted;
                Notes.Add($"shopper keeps {_lifted} (items {Items + _lifted}→{Items})");
                _lifted = 0;
                Rest(now);
                break;
            case Phase.Holding:
                _phase = Phase.Returning;
                _phaseEnds = now + Motion;
                break;
            case Phase.Returning:
                if (!_quick)
                {
                    ExpectedReturns += _lifted;
                    Notes.Add($"puts back {_lifted}");
                }
                _lifted = 0;
                Rest(now);
                break;
        }
    }

    private void StartAction(DateTimeOffset now)
    {
        if (Items <= 2)
        {
            Items += 6;
            Notes.Add($"staff restock 6 (items {Items - 6}→{Items})");
            Rest(now);
            return;
        }
        var roll = random.NextDouble();
        _quick = roll < 0.10;
        _keeps = !_quick && roll >= 0.85;
        _lifted = roll is >= 0.10 and < 0.25 ? 2 : 1;
        _phase = Phase.Lifting;
        _phaseEnds = now + Motion;
        if (_quick)
        {
            // Up and back down within a second: shorter than the no-motion time, so no pickup and no screen change.
            _phase = Phase.Returning;
            _phaseEnds = now.AddMilliseconds(700);
            Notes.Add("quick touch (lifted for 0.7 s: expect no screen change)");
            return;
        }
        ExpectedLifts += _lifted;
        LiftBegan = now;
        _stillSince = null;
        _decided = false;
        Notes.Add(_keeps ? $"lifts {_lifted} to buy it (items {Items})" : $"lifts {_lifted} (items {Items})");
    }

    private void Rest(DateTimeOffset now)
    {
        _phase = Phase.Resting;
        _phaseEnds = now.AddSeconds(4);
    }
}
