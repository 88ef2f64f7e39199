using System.CommandLine;
using ShowroomActors.Client.Cli;

namespace ShowroomActors.LoadGen;

/// <summary>What <c>LoadGen orders</c> sends (the order-placement benchmark that was OrderBench).</summary>
public sealed record OrdersOptions
{
    public Uri Url { get; init; } = new("http://127.0.0.1:5080");
    public int Rate { get; init; } = 200;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(15);
    public int Products { get; init; } = 20;
    public int Lines { get; init; } = 1;
    public bool WithBuyer { get; init; } = true;
    public bool WithSlot { get; init; } = true;
    public string OperatorKey { get; init; } = ShowroomActors.Client.ShowroomClient.DemoOperatorKey;
    public string Prefix { get; init; } = "lg";
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
    public string? HistogramFile { get; init; }
    public string? JsonPath { get; init; }
    public bool Progress { get; init; } = true;
    public bool AllowRealData { get; init; }
}

/// <summary>
/// <c>LoadGen orders</c>: open-loop order placement (<c>POST /api/v1/orders</c>) at a fixed rate, HdrHistogram
/// latencies from each order's scheduled send, then the check that the products' reserved stock grew by exactly
/// the units of the orders answered 201 (exit code 3 when it did not).
/// </summary>
public static class OrdersCommand
{
    public const int StockMismatch = 3;

    public static Command Create(Func<string, string?> env, IReadOnlyList<string> args)
    {
        var command = new Command("orders", """
            Open-loop benchmark of order placement: orders at a fixed rate whatever the answers, each timed from its
            scheduled send (no coordinated omission), HdrHistogram percentiles; then checks that the products' reserved
            stock grew by exactly the units of the orders answered 201 (exit code 3 when not).
            """);
        var bind = new OptionBinder<OrdersOptions>(command, new OrdersOptions());
        bind.Bind(ToolOptions.Urls(several: false), (o, v) => o with { Url = v[0] });
        bind.Bind(ToolOptions.Int("--rate", "orders per second", 200, 1, 20_000), (o, v) => o with { Rate = v });
        bind.Bind(ToolOptions.Time("--duration", "measured part of the run", TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)), (o, v) => o with { Duration = v });
        bind.Bind(ToolOptions.Time("--warm-up", "unmeasured load first, at the same rate, so the JIT and caches settle", TimeSpan.FromSeconds(15), TimeSpan.Zero, TimeSpan.FromHours(1)),
            (o, v) => o with { WarmUp = v });
        var products = bind.Bind(ToolOptions.Int("--products", "products {prefix}-op01… with ample stock, ordered in turn", 20, 1, 500), (o, v) => o with { Products = v });
        var lines = bind.Bind(ToolOptions.Int("--lines", "lines (distinct products) per order, at most --products", 1, 1, 20), (o, v) => o with { Lines = v });
        bind.Bind(OnOff("--buyer", "orders name a registered budget unit ({prefix}-ounit)"), (o, v) => o with { WithBuyer = v });
        bind.Bind(OnOff("--slot", "orders come from a bound slot's QR page (channel qr), else channel web"), (o, v) => o with { WithSlot = v });
        bind.Bind(ToolOptions.OperatorKey(env), (o, v) => o with { OperatorKey = v });
        bind.Bind(ToolOptions.Prefix("lg", "prefix of the benchmark's products, slots and buyer"), (o, v) => o with { Prefix = v });
        bind.Bind(ToolOptions.Time("--timeout", "an order without an answer after this is an error", TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10)),
            (o, v) => o with { Timeout = v });
        bind.Bind(new Option<FileInfo?>("--hgrm") { Description = "also write the measured histogram's percentile distribution to this file" }, (o, v) => o with { HistogramFile = v?.FullName });
        bind.Bind(new Option<FileInfo?>("--json") { Description = "also write the results as JSON to this file" }, (o, v) => o with { JsonPath = v?.FullName });
        bind.Bind(new Option<bool>("--no-progress") { Description = "no progress bar or line" }, (o, v) => o with { Progress = !v });
        bind.Bind(ToolOptions.AllowRealData(), (o, v) => o with { AllowRealData = v });

        command.SetAction(async (result, cancel) =>
        {
            if (result.GetValue(lines) > result.GetValue(products))
            {
                await Console.Error.WriteLineAsync("LoadGen orders: --lines must not exceed --products.");
                return ToolCommandLine.UsageError;
            }
            return await OrderRun.RunAsync(bind.Read(result), args, cancel);
        });
        return command;
    }

    private static Option<bool> OnOff(string name, string description) => new(name)
    {
        Description = $"{description}: on or off (default on)",
        DefaultValueFactory = _ => true,
        CustomParser = result =>
        {
            switch (result.Tokens.Count == 1 ? result.Tokens[0].Value : "")
            {
                case "on": return true;
                case "off": return false;
                case var other:
                    result.AddError($"{name} must be 'on' or 'off', not '{other}'.");
                    return true;
            }
        },
    };
}
