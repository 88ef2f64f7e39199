using System.Globalization;

namespace ShowroomActors.LoadGen;

/// <summary>
/// What a load run sends and how (read from the command line by <see cref="LoadCommand"/>), and the rules that
/// tie the options together (<see cref="Check"/>).
/// </summary>
public sealed record LoadOptions
{

    /// <summary>Weights of <c>--mix</c> when none is given: mostly device traffic, as in a showroom.</summary>
    public static readonly IReadOnlyDictionary<TrafficKind, double> DefaultMix = new Dictionary<TrafficKind, double>
    {
        [TrafficKind.Ingest] = 80,
        [TrafficKind.QrOrder] = 4,
        [TrafficKind.WebOrder] = 4,
        [TrafficKind.Quota] = 10,
        [TrafficKind.Report] = 2,
    };

    public const double DefaultTotalRate = 50;

    /// <summary>Base addresses; requests are spread over them in turn (a cluster).</summary>
    public IReadOnlyList<Uri> Urls { get; init; } = [new("http://127.0.0.1:5080")];

    /// <summary>Requests per second of each kind except <see cref="TrafficKind.Probe"/> (see <see cref="ProbeInterval"/>).</summary>
    public IReadOnlyDictionary<TrafficKind, double> Rates { get; init; } = Split(DefaultTotalRate, DefaultMix);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(10);
    public int Slots { get; init; } = 40;
    /// <summary>Ingest devices, one per slot (the first <see cref="Devices"/> slots); null: one for every slot.</summary>
    public int? Devices { get; init; }
    public int Buyers { get; init; } = 20;
    public int EventsPerRequest { get; init; } = 20;
    /// <summary>Time between lift-to-screen probes; zero turns probes off.</summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Probe slots; null: enough for the interval (see <see cref="ProbeSlotsFor"/>).</summary>
    public int? ProbeSlots { get; init; }
    /// <summary>How long a probe keeps the item lifted before it puts it back.</summary>
    public TimeSpan ProbeHold { get; init; } = TimeSpan.FromMilliseconds(500);
    /// <summary>The host's display linger (<c>showroom.shelves.display-linger</c>), to size the probe slot pool.</summary>
    public TimeSpan DisplayLinger { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Share of the ingest devices that are RFID pads (lifted/returned); the rest are load cells.</summary>
    public double RfidShare { get; init; } = 0.5;
    public string OperatorKey { get; init; } = ShowroomActors.Client.ShowroomClient.DemoOperatorKey;
    /// <summary>Prefix of every id the tool creates (products, slots, devices, buyers, batches, idempotency keys).</summary>
    public string Prefix { get; init; } = "lg";
    public string? JsonPath { get; init; }
    public int Connections { get; init; } = 256;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
    public int Seed { get; init; } = 20200908;
    public bool Progress { get; init; } = true;
    /// <summary>Run even though the host holds real data (see <see cref="ShowroomActors.Client.RealDataGuard"/>).</summary>
    public bool AllowRealData { get; init; }

    public int DeviceCount => Devices ?? Slots;

    public double Rate(TrafficKind kind) => kind == TrafficKind.Probe
        ? (ProbeInterval > TimeSpan.Zero ? 1 / ProbeInterval.TotalSeconds : 0)
        : Rates.GetValueOrDefault(kind);

    public int ProbeSlotCount => ProbeInterval <= TimeSpan.Zero ? 0 : ProbeSlots ?? ProbeSlotsFor(ProbeInterval, ProbeHold, DisplayLinger);

    /// <summary>
    /// Slots needed so that an idle one is free at every probe: a probe slot is busy from its lift until the screen
    /// goes idle again, which is the hold plus the linger after the put-back (the 3 s minimum play is shorter), plus
    /// a second of slack for the idle frame to arrive; one more covers the rounding.
    /// </summary>
    public static int ProbeSlotsFor(TimeSpan interval, TimeSpan hold, TimeSpan linger)
    {
        var busy = hold + TimeSpan.FromTicks(Math.Max(linger.Ticks, TimeSpan.FromSeconds(3).Ticks)) + TimeSpan.FromSeconds(1);
        return (int)Math.Ceiling(busy / interval) + 1;
    }

    /// <summary>The options, or a <see cref="UsageException"/> naming the ones that do not fit together.</summary>
    public static LoadOptions Check(LoadOptions o)
    {
        if (o.Devices > o.Slots)
            throw new UsageException($"--devices ({o.Devices}) cannot exceed --slots ({o.Slots}): each device is the sensor of one slot.");
        if (o.Rate(TrafficKind.Ingest) > 0 && o.DeviceCount == 0)
            throw new UsageException("Ingest traffic needs at least one device (--devices, --slots).");
        if (o.Rate(TrafficKind.QrOrder) > 0 && o.Slots == 0)
            throw new UsageException("QR orders need at least one slot (--slots).");
        if (o.Rate(TrafficKind.Quota) > 0 && o.Buyers == 0)
            throw new UsageException("Quota reads need at least one buyer (--buyers).");
        if (TrafficKinds.All.All(k => o.Rate(k) <= 0))
            throw new UsageException("Nothing to send: every rate is 0 and probes are off.");
        if (o.ProbeSlots is not null && o.ProbeInterval <= TimeSpan.Zero)
            throw new UsageException("--probe-slots needs probes (--probe-interval above 0).");
        return o;
    }

    /// <summary>Splits a total rate by weights; kinds with weight 0 get no traffic.</summary>
    public static IReadOnlyDictionary<TrafficKind, double> Split(double total, IReadOnlyDictionary<TrafficKind, double> weights)
    {
        var sum = weights.Values.Sum();
        return weights.Where(w => w.Value > 0).ToDictionary(w => w.Key, w => total * w.Value / sum);
    }
}

/// <summary>Options that do not fit together (or with nothing to send): the message names them.</summary>
public sealed class UsageException(string message) : Exception(message);
