using System.Globalization;

namespace ShowroomActors.OrderBench;

/// <summary>Command line of the order benchmark. Bad arguments throw <see cref="UsageException"/> naming them.</summary>
public sealed record BenchOptions
{
    public Uri Url { get; init; } = new("http://127.0.0.1:5080");
    public double Rate { get; init; } = 200;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(15);
    public int Products { get; init; } = 20;
    public int Lines { get; init; } = 1;
    public bool WithBuyer { get; init; } = true;
    public bool WithSlot { get; init; } = true;
    public string OperatorKey { get; init; } = "demo-operator-key";
    public string Prefix { get; init; } = "orderbench";
    public string? HistogramFile { get; init; }

    public const string Usage = """
        OrderBench: open-loop benchmark of order placement (POST /api/v1/orders) against a running ShowroomActors host.
        Orders are sent at a fixed rate whatever the answers; each latency is measured from the order's scheduled send
        time, so a stalled host shows up in the numbers (no coordinated omission). HdrHistogram percentiles.

        usage: OrderBench [options]
          --url URL            host address (default http://127.0.0.1:5080)
          --rate N             orders per second (default 200)
          --duration SECONDS   measured part of the run (default 60)
          --warm-up SECONDS    unmeasured load first, at the same rate, so the JIT and caches settle (default 15)
          --products N         bench products orderbench-p-01..N with ample stock, ordered in turn (default 20)
          --lines N            lines (distinct products) per order (default 1)
          --buyer on|off       orders name a registered budget unit (default on)
          --slot on|off        orders come from a bound slot's QR page (channel qr), else channel web (default on)
          --operator-key KEY   operator key for the set-up calls (default: the demo key; or SHOWROOM_OPERATOR_KEY)
          --prefix TEXT        id prefix of the bench's products, slots and buyer (default orderbench)
          --hgrm FILE          also write the measured histogram's percentile distribution to FILE
          --help               this text

        Set-up (idempotent, through the API): registers the products, receives stock, registers the budget unit and
        binds one slot per product. After the run it checks that the products' reserved stock grew by exactly the
        units of the orders answered 201 (no order lost, none counted twice).
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args, Func<string, string?> env)
    {
        var options = new BenchOptions();
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
                "--rate" => options with { Rate = ParseInt(name, Value(), 1, 20_000) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(ParseInt(name, Value(), 1, 86_400)) },
                "--warm-up" => options with { WarmUp = TimeSpan.FromSeconds(ParseInt(name, Value(), 0, 3600)) },
                "--products" => options with { Products = ParseInt(name, Value(), 1, 500) },
                "--lines" => options with { Lines = ParseInt(name, Value(), 1, 20) },
                "--buyer" => options with { WithBuyer = ParseSwitch(name, Value()) },
                "--slot" => options with { WithSlot = ParseSwitch(name, Value()) },
                "--operator-key" => options with { OperatorKey = Value() },
                "--prefix" => options with { Prefix = ParsePrefix(Value()) },
                "--hgrm" => options with { HistogramFile = Value() },
                "--help" or "-h" => throw new HelpRequested(),
                _ => throw new UsageException($"Unknown option '{name}'."),
            };
        }
        if (options.Lines > options.Products) throw new UsageException("--lines must not exceed --products.");
        return options;
    }

    private static Uri ParseUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new UsageException($"--url must be an absolute http(s) URL, not '{text}'.");

    private static int ParseInt(string name, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"{name} must be a whole number between {min} and {max}, not '{text}'.");

    private static bool ParseSwitch(string name, string text) => text switch
    {
        "on" => true,
        "off" => false,
        _ => throw new UsageException($"{name} must be 'on' or 'off', not '{text}'."),
    };

    private static string ParsePrefix(string text) =>
        text.Length is >= 1 and <= 40 && char.IsAsciiLetterOrDigit(text[0]) && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? text
            : throw new UsageException($"--prefix must be 1-40 letters, digits, '-' or '_', not '{text}'.");
}

public sealed class UsageException(string message) : Exception(message);

public sealed class HelpRequested() : Exception("help");
