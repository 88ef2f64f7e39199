using System.Globalization;

namespace ShowroomActors.LoadGen;

/// <summary>
/// The command line. <see cref="Parse"/> throws <see cref="UsageException"/> with a message naming the bad argument
/// (the program prints it and exits with 2) or <see cref="HelpRequested"/>.
/// </summary>
public sealed record LoadOptions
{
    public const string DemoOperatorKey = "demo-operator-key";

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
    public string OperatorKey { get; init; } = DemoOperatorKey;
    /// <summary>Prefix of every id the tool creates (products, slots, devices, buyers, batches, idempotency keys).</summary>
    public string Prefix { get; init; } = "lg";
    public string? JsonPath { get; init; }
    public int Connections { get; init; } = 256;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
    public int Seed { get; init; } = 20200908;
    public bool Progress { get; init; } = true;

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

    public const string Usage = """
        ShowroomActors.LoadGen: drives a running ShowroomActors host or cluster over its public HTTP API with a
        mix of device batches, lift-to-screen probes (SSE), QR and web orders and quota reads, open loop, and
        reports latency percentiles (HdrHistogram) per kind of traffic.

        usage: ShowroomActors.LoadGen [options]
          --url URL[,URL...]        base address(es); requests are spread over them in turn (default http://127.0.0.1:5080)
          --rate R                  total requests/s, split by --mix (default 50)
          --rate KIND=R[,KIND=R..]  requests/s per kind instead; kinds not named send nothing, probes only with
                                    probe=R or --probe-interval (kinds: ingest, probe, qr, web, quota, report)
          --mix KIND=W[,KIND=W..]   weights for a total --rate (default ingest=80,qr=4,web=4,quota=10,report=2)
          --duration T              measured time after the warm-up (default 60s)
          --warm-up T               time sent but not measured, for the JIT and caches of both sides (default 10s)
          --slots N                 shelf slots the tool binds, LG-… with its own products (default 40)
          --devices N               ingest devices, one per slot, at most --slots (default: one per slot)
          --rfid-share F            share of devices that are RFID pads sending lifted/returned; the rest are
                                    load cells sending weight readings (default 0.5)
          --buyers N                budget units with a plan for this year, for quota reads and web orders (default 20)
          --events-per-request N    events in one device batch, 1-1000 (default 20)
          --probe-interval T        time between lift-to-screen probes; 0 turns them off (default 1s)
          --probe-slots N           probe slots (default: enough to find an idle one at every probe)
          --probe-hold T            how long a probe keeps the item lifted before putting it back (default 500ms)
          --display-linger T        the host's showroom.shelves.display-linger, to size the probe slots (default 10s)
          --operator-key KEY        operator key for the set-up and the quota reads
                                    (default SHOWROOM_OPERATOR_KEY, else the demo key demo-operator-key)
          --prefix P                prefix of every id the tool creates (default lg)
          --connections N           HTTP connections per base address (default 256)
          --timeout T               a request without an answer after this is an error (default 30s)
          --seed N                  random seed (default 20200908)
          --json FILE               also write the results as JSON
          --no-progress             no progress line every second
          --help                    this text

        Times take a unit: 500ms, 10s, 2m (a bare number is seconds).
        Exit codes: 0 the run finished (errors are in the table), 1 the host is unreachable, the set-up failed or
        the --json file could not be written, 2 bad arguments.
        """;

    public static LoadOptions Parse(IReadOnlyList<string> args, Func<string, string?> env)
    {
        var options = new LoadOptions();
        if (env("SHOWROOM_OPERATOR_KEY") is { Length: > 0 } key) options = options with { OperatorKey = key };
        double? total = null;
        Dictionary<TrafficKind, double>? perKind = null;
        Dictionary<TrafficKind, double>? mix = null;
        TimeSpan? probeFromRate = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);

        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "--help" or "-h") throw new HelpRequested();
            if (name.StartsWith("--", StringComparison.Ordinal) && name.Contains('=', StringComparison.Ordinal))
            {
                // --name=value is the same as --name value.
                var at = name.IndexOf('=', StringComparison.Ordinal);
                var rest = args.ToList();
                rest[i] = name[..at];
                rest.Insert(i + 1, name[(at + 1)..]);
                args = rest;
                name = args[i];
            }
            if (name != "--no-progress" && !seen.Add(name) && name.StartsWith("--", StringComparison.Ordinal))
                throw new UsageException($"{name} is given twice.");
            string Value() => i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                ? args[++i]
                : throw new UsageException($"{name} needs a value.");

            switch (name)
            {
                case "--url": options = options with { Urls = ParseUrls(Value()) }; break;
                case "--rate":
                    var rate = Value();
                    if (rate.Contains('=', StringComparison.Ordinal))
                    {
                        perKind = ParseKindValues(name, rate, allowProbe: true);
                        if (perKind.Remove(TrafficKind.Probe, out var probeRate))
                            probeFromRate = probeRate > 0 ? TimeSpan.FromSeconds(1 / probeRate) : TimeSpan.Zero;
                    }
                    else total = ParseDouble(name, rate, 0, 1_000_000);
                    break;
                case "--mix": mix = ParseKindValues(name, Value(), allowProbe: false); break;
                case "--duration": options = options with { Duration = ParseTime(name, Value(), TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)) }; break;
                case "--warm-up": options = options with { WarmUp = ParseTime(name, Value(), TimeSpan.Zero, TimeSpan.FromHours(1)) }; break;
                case "--slots": options = options with { Slots = ParseInt(name, Value(), 0, 100_000) }; break;
                case "--devices": options = options with { Devices = ParseInt(name, Value(), 0, 100_000) }; break;
                case "--rfid-share": options = options with { RfidShare = ParseDouble(name, Value(), 0, 1) }; break;
                case "--buyers": options = options with { Buyers = ParseInt(name, Value(), 0, 10_000) }; break;
                case "--events-per-request": options = options with { EventsPerRequest = ParseInt(name, Value(), 1, 1000) }; break;
                case "--probe-interval": options = options with { ProbeInterval = ParseTime(name, Value(), TimeSpan.Zero, TimeSpan.FromHours(1)) }; break;
                case "--probe-slots": options = options with { ProbeSlots = ParseInt(name, Value(), 1, 1000) }; break;
                case "--probe-hold": options = options with { ProbeHold = ParseTime(name, Value(), TimeSpan.Zero, TimeSpan.FromMinutes(1)) }; break;
                case "--display-linger": options = options with { DisplayLinger = ParseTime(name, Value(), TimeSpan.Zero, TimeSpan.FromHours(1)) }; break;
                case "--operator-key":
                    var operatorKey = Value();
                    options = operatorKey.Length > 0 ? options with { OperatorKey = operatorKey } : throw new UsageException("--operator-key is empty.");
                    break;
                case "--prefix": options = options with { Prefix = ParsePrefix(Value()) }; break;
                case "--connections": options = options with { Connections = ParseInt(name, Value(), 1, 10_000) }; break;
                case "--timeout": options = options with { Timeout = ParseTime(name, Value(), TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10)) }; break;
                case "--seed": options = options with { Seed = ParseInt(name, Value(), int.MinValue, int.MaxValue) }; break;
                case "--json": options = options with { JsonPath = Value() }; break;
                case "--no-progress": options = options with { Progress = false }; break;
                default: throw new UsageException($"Unknown option '{name}'.");
            }
        }

        if (perKind is not null && mix is not null)
            throw new UsageException("--mix goes with a total --rate R, not with --rate KIND=R.");
        if (perKind is not null) options = options with { Rates = perKind };
        else if (total is not null || mix is not null)
        {
            var weights = mix ?? DefaultMix.ToDictionary();
            if (weights.Values.Sum() <= 0) throw new UsageException("--mix needs at least one weight above 0.");
            options = options with { Rates = Split(total ?? DefaultTotalRate, weights) };
        }
        if (probeFromRate is { } probeInterval)
        {
            if (seen.Contains("--probe-interval")) throw new UsageException("Give the probe rate either in --rate probe=R or as --probe-interval, not both.");
            options = options with { ProbeInterval = probeInterval };
        }
        else if (perKind is not null && !seen.Contains("--probe-interval"))
            options = options with { ProbeInterval = TimeSpan.Zero }; // per-kind rates send only the kinds named
        return Check(options);
    }

    /// <summary>The arguments with the operator key masked, for the JSON record of the command line.</summary>
    public static IEnumerable<string> WithoutSecrets(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--operator-key" && i + 1 < args.Count)
            {
                yield return args[i];
                yield return "***";
                i++;
            }
            else yield return args[i].StartsWith("--operator-key=", StringComparison.Ordinal) ? "--operator-key=***" : args[i];
        }
    }

    private static LoadOptions Check(LoadOptions o)
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

    private static IReadOnlyList<Uri> ParseUrls(string text)
    {
        var urls = new List<Uri>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                throw new UsageException($"--url: '{part}' is not an absolute http(s) address.");
            if (uri.AbsolutePath != "/" || uri.Query.Length > 0)
                throw new UsageException($"--url: '{part}' must be a base address without a path, like http://127.0.0.1:5080.");
            var baseUri = new Uri(uri.GetLeftPart(UriPartial.Authority));
            if (!urls.Contains(baseUri)) urls.Add(baseUri);
        }
        return urls.Count > 0 ? urls : throw new UsageException("--url is empty.");
    }

    /// <summary><c>kind=value,kind=value</c>; each kind once, values 0 or more.</summary>
    private static Dictionary<TrafficKind, double> ParseKindValues(string option, string text, bool allowProbe)
    {
        var values = new Dictionary<TrafficKind, double>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new UsageException($"{option}: '{part}' is not KIND=VALUE (kinds: {TrafficKinds.Names}).");
            var kindName = part[..eq].Trim();
            if (!TrafficKinds.TryParse(kindName, out var kind))
                throw new UsageException($"{option}: unknown kind '{kindName}' (kinds: {TrafficKinds.Names}).");
            if (kind == TrafficKind.Probe && !allowProbe)
                throw new UsageException($"{option}: probes are paced by --probe-interval (or --rate probe=R), not by weight.");
            if (!values.TryAdd(kind, ParseDouble($"{option} {kindName}", part[(eq + 1)..].Trim(), 0, 1_000_000)))
                throw new UsageException($"{option}: '{kindName}' is given twice.");
        }
        return values.Count > 0 ? values : throw new UsageException($"{option} is empty.");
    }

    public static TimeSpan ParseTime(string option, string text, TimeSpan min, TimeSpan max)
    {
        var (number, scale) = text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) ? (text[..^2], 0.001)
            : text.EndsWith('s') || text.EndsWith('S') ? (text[..^1], 1.0)
            : text.EndsWith('m') || text.EndsWith('M') ? (text[..^1], 60.0)
            : (text, 1.0);
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            throw new UsageException($"{option} must be a time such as 500ms, 10s or 2m, not '{text}'.");
        var time = TimeSpan.FromSeconds(value * scale);
        return time >= min && time <= max
            ? time
            : throw new UsageException($"{option} must be between {Show(min)} and {Show(max)}, not '{text}'.");
    }

    private static string Show(TimeSpan t) => t.TotalSeconds >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.###}s")
        : string.Create(CultureInfo.InvariantCulture, $"{t.TotalMilliseconds:0.###}ms");

    private static int ParseInt(string option, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"{option} must be a whole number between {min} and {max}, not '{text}'.");

    private static double ParseDouble(string option, string text, double min, double max) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"{option} must be a number between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, not '{text}'.");

    private static string ParsePrefix(string text) =>
        text.Length is >= 1 and <= 16 && char.IsAsciiLetterOrDigit(text[0]) && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            ? text
            : throw new UsageException($"--prefix must be 1-16 letters, digits or '-', starting with a letter or digit, not '{text}'.");
}

public sealed class UsageException(string message) : Exception(message);

public sealed class HelpRequested() : Exception("help");
