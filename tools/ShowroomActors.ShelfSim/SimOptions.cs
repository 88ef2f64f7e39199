using System.Globalization;

namespace ShowroomActors.ShelfSim;

/// <summary>Command line of the simulator. Bad arguments throw <see cref="UsageException"/> with a message naming them.</summary>
public sealed record SimOptions
{
    public Uri Url { get; init; } = new("http://127.0.0.1:5080");
    public IReadOnlyList<string> Slots { get; init; } = ["A-01", "A-02", "A-03", "A-04"];
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);
    public string OperatorKey { get; init; } = "demo-operator-key";
    public TimeSpan ReadingEvery { get; init; } = TimeSpan.FromMilliseconds(250);
    public int Seed { get; init; } = 20200908;
    public TimeSpan StableFor { get; init; } = TimeSpan.FromSeconds(1);
    public bool Quiet { get; init; }
    /// <summary>Devices of the sustained ingest load beside the shelves (0: none).</summary>
    public int LoadDevices { get; init; }
    public int LoadBatch { get; init; } = 20;
    /// <summary>Events per second the load devices offer together (0: each sends its next request as soon as answered).</summary>
    public int LoadRate { get; init; }
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(10);

    public const string Usage = """
        ShelfSim: drives shelf slots of a running ShowroomActors host with simulated load-cell readings
        (noise, lifts, returns, two-at-once, quick touches, duplicates, a device reboot) and measures how fast
        each slot's screen stream shows a lift.

        usage: ShelfSim [options]
          --url URL            host address (default http://127.0.0.1:5080)
          --slots LIST|N       slot ids, comma-separated (default A-01,A-02,A-03,A-04), or a count N for SIM-01..SIM-N
          --duration SECONDS   how long to run (default 60)
          --operator-key KEY   operator key used to bind the slots (default: the demo key; or SHOWROOM_OPERATOR_KEY)
          --interval MS        milliseconds between readings of one device (default 250)
          --seed N             random seed, for repeatable runs (default 20200908)
          --stable-for MS      the host's showroom.shelves.stable-for, to know which reading completes a lift (default 1000)
          --load N             also run N more devices (slots LOAD-001…) posting batches of lifted/returned events
                               back to back, and report persisted events/s (default 0: no load)
          --batch N            events per request of the load devices (default 20)
          --load-rate N        the load devices together offer N events/s, each device on a fixed schedule
                               (default 0: closed loop, each posts its next batch as soon as the last is answered)
          --warm-up SECONDS    load requests in this first part of the run are not measured (default 10)
          --quiet              print only the summary
          --help               this text

        Each slot is (re)bound to its product with a fresh device key, so the simulator owns the device for the run.
        Unknown slots are bound to the showroom's products in turn.
        """;

    public static SimOptions Parse(IReadOnlyList<string> args, Func<string, string?> env)
    {
        var options = new SimOptions();
        if (env("SHOWROOM_OPERATOR_KEY") is { Length: > 0 } key) options = options with { OperatorKey = key };
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                ? args[++i]
                : throw new UsageException($"{name} needs a value.");
            options = name switch
            {
                "--url" => options with { Url = ParseUrl(Value()) },
                "--slots" => options with { Slots = ParseSlots(Value()) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(ParseInt(name, Value(), 1, 86_400)) },
                "--operator-key" => options with { OperatorKey = Value() },
                "--interval" => options with { ReadingEvery = TimeSpan.FromMilliseconds(ParseInt(name, Value(), 20, 10_000)) },
                "--stable-for" => options with { StableFor = TimeSpan.FromMilliseconds(ParseInt(name, Value(), 1, 60_000)) },
                "--seed" => options with { Seed = ParseInt(name, Value(), int.MinValue, int.MaxValue) },
                "--load" => options with { LoadDevices = ParseInt(name, Value(), 0, 1000) },
                "--batch" => options with { LoadBatch = ParseInt(name, Value(), 1, 1000) },
                "--load-rate" => options with { LoadRate = ParseInt(name, Value(), 0, 10_000_000) },
                "--warm-up" => options with { WarmUp = TimeSpan.FromSeconds(ParseInt(name, Value(), 0, 3600)) },
                "--quiet" => options with { Quiet = true },
                "--help" or "-h" => throw new HelpRequested(),
                _ => throw new UsageException($"Unknown option '{name}'."),
            };
        }
        if (options.LoadDevices > 0 && options.WarmUp >= options.Duration)
            throw new UsageException("--warm-up must be shorter than --duration.");
        return options;
    }

    private static Uri ParseUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new UsageException($"--url must be an absolute http(s) URL, not '{text}'.");

    private static int ParseInt(string name, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"{name} must be a whole number between {min} and {max}, not '{text}'.");

    private static IReadOnlyList<string> ParseSlots(string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            return count is >= 1 and <= 500
                ? Enumerable.Range(1, count).Select(n => string.Create(CultureInfo.InvariantCulture, $"SIM-{n:00}")).ToList()
                : throw new UsageException($"--slots as a count must be between 1 and 500, not {count}.");
        var slots = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var slot in slots)
            if (slot.Length > 64 || !slot.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
                throw new UsageException($"--slots: '{slot}' is not a slot id (letters, digits, '.', '_', '-').");
        return slots.Length > 0 ? slots.Distinct().ToList() : throw new UsageException("--slots is empty.");
    }
}

public sealed class UsageException(string message) : Exception(message);

public sealed class HelpRequested() : Exception("help");
