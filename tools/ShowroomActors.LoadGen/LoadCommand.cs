using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using ShowroomActors.Client.Cli;

namespace ShowroomActors.LoadGen;

/// <summary>
/// LoadGen's command line (System.CommandLine): the root command runs the traffic mix (<see cref="LoadRun"/>),
/// <c>orders</c> the order-placement benchmark (<see cref="OrdersCommand"/>). Every value is checked where it is
/// parsed; options that do not fit together are refused by <see cref="LoadOptions.Check"/>. Exit codes: 0 the run
/// finished (errors are in the table), 1 unreachable host, refused set-up or unwritable --json, 2 bad arguments.
/// </summary>
public sealed class LoadCommand
{
    private readonly RootCommand _root = new("""
        ShowroomActors.LoadGen: drives a running ShowroomActors host or cluster over its public HTTP API with a mix of
        device batches, lift-to-screen probes (SSE), QR and web orders and quota reads, open loop, and reports
        latency percentiles (HdrHistogram) per kind of traffic (docs/LOADGEN.md). 'orders' benchmarks order
        placement alone and checks the reserved stock afterwards.
        """);
    private readonly OptionBinder<LoadOptions> _bind;
    // Read together in Read: a rate per kind, a mix and the probe interval depend on each other.
    private readonly Option<RateSpec?> _rate = new("--rate")
    {
        Description = "total requests/s split by --mix (default 50), or KIND=R[,KIND=R…]: requests/s per kind, and kinds not named send nothing (probes only with probe=R or --probe-interval); kinds: " + TrafficKinds.Names,
        CustomParser = RateSpec.Parse,
    };
    private readonly Option<IReadOnlyDictionary<TrafficKind, double>?> _mix = new("--mix")
    {
        Description = "KIND=W[,KIND=W…]: weights of a total --rate (default ingest=80,qr=4,web=4,quota=10,report=2)",
        CustomParser = result => RateSpec.ParseKinds(result, "--mix", allowProbe: false),
    };
    private readonly Option<TimeSpan?> _probeInterval = new("--probe-interval")
    {
        Description = "time between lift-to-screen probes; 0 turns them off (default 1s; a time: 500ms, 10s, 2m)",
        CustomParser = result => ParseTime(result, "--probe-interval", TimeSpan.Zero, TimeSpan.FromHours(1)),
    };

    private LoadCommand(Func<string, string?> env, IReadOnlyList<string> args)
    {
        _bind = new OptionBinder<LoadOptions>(_root, new LoadOptions());
        _bind.Bind(ToolOptions.Urls(), (o, v) => o with { Urls = v });
        _root.Options.Add(_rate);
        _root.Options.Add(_mix);
        _bind.Bind(ToolOptions.Time("--duration", "measured time after the warm-up", TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)), (o, v) => o with { Duration = v });
        _bind.Bind(ToolOptions.Time("--warm-up", "time sent but not measured, for the JIT and caches of both sides", TimeSpan.FromSeconds(10), TimeSpan.Zero, TimeSpan.FromHours(1)),
            (o, v) => o with { WarmUp = v });
        _bind.Bind(ToolOptions.Int("--slots", "shelf slots the tool binds ({prefix}-s0001…) to its own products", 40, 0, 100_000), (o, v) => o with { Slots = v });
        _bind.Bind(ToolOptions.OptionalInt("--devices", "ingest devices, one on each of the first N slots, at most --slots (default: one per slot)", 0, 100_000), (o, v) => o with { Devices = v });
        _bind.Bind(ToolOptions.Number("--rfid-share", "share of the devices that are RFID pads sending lifted/returned; the rest are load cells", 0.5, 0, 1), (o, v) => o with { RfidShare = v });
        _bind.Bind(ToolOptions.Int("--buyers", "budget units ({prefix}-unit001…) with a plan for this year, for quota reads and web orders", 20, 0, 10_000), (o, v) => o with { Buyers = v });
        _bind.Bind(ToolOptions.Int("--events-per-request", "events in one device batch", 20, 1, 1000), (o, v) => o with { EventsPerRequest = v });
        _root.Options.Add(_probeInterval);
        _bind.Bind(ToolOptions.OptionalInt("--probe-slots", "probe slots (default: enough to find an idle one at every probe)", 1, 1000), (o, v) => o with { ProbeSlots = v });
        _bind.Bind(ToolOptions.Time("--probe-hold", "how long a probe keeps its item lifted", TimeSpan.FromMilliseconds(500), TimeSpan.Zero, TimeSpan.FromMinutes(1)), (o, v) => o with { ProbeHold = v });
        _bind.Bind(ToolOptions.Time("--display-linger", "the host's showroom.shelves.display-linger, to size the probe slots", TimeSpan.FromSeconds(10), TimeSpan.Zero, TimeSpan.FromHours(1)),
            (o, v) => o with { DisplayLinger = v });
        _bind.Bind(ToolOptions.OperatorKey(env), (o, v) => o with { OperatorKey = v });
        _bind.Bind(ToolOptions.Prefix("lg", "prefix of every id the tool creates"), (o, v) => o with { Prefix = v });
        _bind.Bind(ToolOptions.Int("--connections", "pooled HTTP connections per base address", 256, 1, 10_000), (o, v) => o with { Connections = v });
        _bind.Bind(ToolOptions.Time("--timeout", "a request without an answer after this is an error", TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10)),
            (o, v) => o with { Timeout = v });
        _bind.Bind(ToolOptions.Int("--seed", "random seed of the device models", 20200908, int.MinValue, int.MaxValue), (o, v) => o with { Seed = v });
        _bind.Bind(new Option<FileInfo?>("--json") { Description = "also write the results as JSON to this file" }, (o, v) => o with { JsonPath = v?.FullName });
        _bind.Bind(new Option<bool>("--no-progress") { Description = "no progress bar or line" }, (o, v) => o with { Progress = !v });
        _bind.Bind(ToolOptions.AllowRealData(), (o, v) => o with { AllowRealData = v });

        _root.SetAction(async (result, cancel) =>
        {
            LoadOptions options;
            try
            {
                options = Read(result);
            }
            catch (UsageException e)
            {
                await Console.Error.WriteLineAsync($"LoadGen: {e.Message}");
                return ToolCommandLine.UsageError;
            }
            return await LoadProgram.RunAsync(options, args, cancel);
        });
        _root.Subcommands.Add(OrdersCommand.Create(env, args));
    }

    /// <summary>The whole command line: the mix at the root, <c>orders</c> beside it.</summary>
    public static RootCommand Create(Func<string, string?> env, IReadOnlyList<string> args) => new LoadCommand(env, args)._root;

    /// <summary>The options of a command line that parses, or the messages it is refused with.</summary>
    public static (LoadOptions? Options, IReadOnlyList<string> Errors) Parse(IReadOnlyList<string> args, Func<string, string?> env)
    {
        var load = new LoadCommand(env, args);
        var result = load._root.Parse(args.ToArray());
        if (result.Errors.Count > 0) return (null, result.Errors.Select(e => e.Message).ToList());
        try
        {
            return (load.Read(result), []);
        }
        catch (UsageException e)
        {
            return (null, [e.Message]);
        }
    }

    /// <summary>The options from a parsed command line; a <see cref="UsageException"/> when they do not fit together.</summary>
    private LoadOptions Read(ParseResult result)
    {
        var options = _bind.Read(result);
        var rate = result.GetValue(_rate);
        var mix = result.GetValue(_mix);
        var probeInterval = result.GetValue(_probeInterval);
        if (rate?.PerKind is not null && mix is not null)
            throw new UsageException("--mix goes with a total --rate R, not with --rate KIND=R.");
        if (rate?.PerKind is { } perKind)
        {
            options = options with { Rates = perKind.Where(k => k.Key != TrafficKind.Probe).ToDictionary() };
            if (perKind.TryGetValue(TrafficKind.Probe, out var probeRate))
            {
                if (probeInterval is not null) throw new UsageException("Give the probe rate either in --rate probe=R or as --probe-interval, not both.");
                probeInterval = probeRate > 0 ? TimeSpan.FromSeconds(1 / probeRate) : TimeSpan.Zero;
            }
            probeInterval ??= TimeSpan.Zero; // per-kind rates send only the kinds named
        }
        else if (rate?.Total is not null || mix is not null)
        {
            var weights = mix ?? LoadOptions.DefaultMix;
            if (weights.Values.Sum() <= 0) throw new UsageException("--mix needs at least one weight above 0.");
            options = options with { Rates = LoadOptions.Split(rate?.Total ?? LoadOptions.DefaultTotalRate, weights) };
        }
        return LoadOptions.Check(options with { ProbeInterval = probeInterval ?? options.ProbeInterval });
    }

    private static TimeSpan? ParseTime(ArgumentResult result, string name, TimeSpan min, TimeSpan max)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (Durations.TryParse(text, TimeUnit.Seconds, out var time) && time >= min && time <= max) return time;
        result.AddError($"{name} must be a time between {Durations.Show(min)} and {Durations.Show(max)} such as 500ms, 10s or 2m, not '{text}'.");
        return null;
    }
}

/// <summary><c>--rate</c>: a total rate, or rates per kind.</summary>
public sealed record RateSpec(double? Total, IReadOnlyDictionary<TrafficKind, double>? PerKind)
{
    public static RateSpec? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (text.Contains('=', StringComparison.Ordinal))
            return ParseKinds(result, "--rate", allowProbe: true) is { } perKind ? new RateSpec(null, perKind) : null;
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var total) && total is >= 0 and <= 1_000_000)
            return new RateSpec(total, null);
        result.AddError($"--rate must be a number between 0 and 1000000 or KIND=R[,KIND=R…], not '{text}'.");
        return null;
    }

    /// <summary><c>kind=value,kind=value</c>; each kind once, values 0 to a million.</summary>
    public static IReadOnlyDictionary<TrafficKind, double>? ParseKinds(ArgumentResult result, string option, bool allowProbe)
    {
        var values = new Dictionary<TrafficKind, double>();
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var kindName = eq > 0 ? part[..eq].Trim() : part;
            string? problem = null;
            if (eq <= 0) problem = $"{option}: '{part}' is not KIND=VALUE (kinds: {TrafficKinds.Names}).";
            else if (!TrafficKinds.TryParse(kindName, out var kind)) problem = $"{option}: unknown kind '{kindName}' (kinds: {TrafficKinds.Names}).";
            else if (kind == TrafficKind.Probe && !allowProbe) problem = $"{option}: probes are paced by --probe-interval (or --rate probe=R), not by weight.";
            else if (!double.TryParse(part[(eq + 1)..].Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value is < 0 or > 1_000_000)
                problem = $"{option} {kindName} must be a number between 0 and 1000000, not '{part[(eq + 1)..]}'.";
            else if (!values.TryAdd(kind, value)) problem = $"{option}: '{kindName}' is given twice.";
            if (problem is null) continue;
            result.AddError(problem);
            return null;
        }
        if (values.Count > 0) return values;
        result.AddError($"{option} is empty.");
        return null;
    }
}
