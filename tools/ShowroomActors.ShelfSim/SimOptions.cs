using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using ShowroomActors.Client;
using ShowroomActors.Client.Cli;

namespace ShowroomActors.ShelfSim;

/// <summary>What the simulator drives, and how.</summary>
public sealed record SimOptions
{
    public Uri Url { get; init; } = new("http://127.0.0.1:5080");
    public IReadOnlyList<string> Slots { get; init; } = ["A-01", "A-02", "A-03", "A-04"];
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);
    public string OperatorKey { get; init; } = ShowroomClient.DemoOperatorKey;
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
    /// <summary>The key of the devices already bound to the slots driven (null: the demo's <c>demo-device-key-{deviceId}</c>).</summary>
    public string? DeviceKey { get; init; }
    /// <summary>Bind slots that are not the simulator's own with a fresh key of its own (their real device stops working).</summary>
    public bool Rebind { get; init; }
    public bool AllowRealData { get; init; }
    public bool Progress { get; init; } = true;
    /// <summary>The host's MQTT server (host and port): devices publish there instead of POST /api/v1/sensor-events (null: HTTP).</summary>
    public (string Host, int Port)? Mqtt { get; init; }

    /// <summary>Slot ids of the simulator's own namespace: it binds these itself, with keys of its own.</summary>
    public static bool IsOwnSlot(string slotId) => slotId.StartsWith("SIM-", StringComparison.Ordinal) || slotId.StartsWith("LOAD-", StringComparison.Ordinal);
}

/// <summary>ShelfSim's command line (System.CommandLine). Bad arguments exit with 2, an unreachable host or a refused set-up with 1.</summary>
public static class SimCommand
{
    public static RootCommand Create(Func<string, string?> env, Func<SimOptions, CancellationToken, Task<int>> run)
    {
        var command = new RootCommand("""
            ShelfSim: drives shelf slots of a running ShowroomActors host with simulated load-cell readings (noise, lifts,
            returns, two-at-once, quick touches, duplicates, a device reboot) and measures how fast each slot's screen
            stream shows a lift (docs/SHELVES.md section 7). The demo's slots are driven as their own devices, with
            their demo keys, and are never re-bound; the simulator's own slots (SIM-…, LOAD-…) are bound by it.
            """);
        var bind = new OptionBinder<SimOptions>(command, new SimOptions());
        bind.Bind(ToolOptions.Urls(several: false), (o, v) => o with { Url = v[0] });
        bind.Bind(new Option<IReadOnlyList<string>>("--slots")
        {
            Description = "slot ids, comma-separated (default A-01,A-02,A-03,A-04), or a count N for the simulator's own SIM-01..SIM-N",
            DefaultValueFactory = _ => new SimOptions().Slots,
            CustomParser = ParseSlots,
        }, (o, v) => o with { Slots = v });
        var duration = bind.Bind(ToolOptions.Time("--duration", "how long to run", TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)), (o, v) => o with { Duration = v });
        bind.Bind(ToolOptions.OperatorKey(env), (o, v) => o with { OperatorKey = v });
        bind.Bind(ToolOptions.Time("--interval", "time between readings of one device", TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(10), TimeUnit.Milliseconds),
            (o, v) => o with { ReadingEvery = v });
        bind.Bind(ToolOptions.Int("--seed", "random seed, for repeatable runs", 20200908, int.MinValue, int.MaxValue), (o, v) => o with { Seed = v });
        bind.Bind(ToolOptions.Time("--stable-for", "the host's showroom.shelves.stable-for, to know which reading completes a lift", TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1), TimeUnit.Milliseconds),
            (o, v) => o with { StableFor = v });
        var load = bind.Bind(ToolOptions.Int("--load", "also run N more devices (slots LOAD-001…) posting batches of lifted/returned events, and report persisted events/s (0: no load)", 0, 0, 1000),
            (o, v) => o with { LoadDevices = v });
        bind.Bind(ToolOptions.Int("--batch", "events per request of the load devices", 20, 1, 1000), (o, v) => o with { LoadBatch = v });
        bind.Bind(ToolOptions.Int("--load-rate", "the load devices together offer N events/s, each on a fixed schedule (0: closed loop, each posts its next batch as soon as the last is answered)", 0, 0, 10_000_000),
            (o, v) => o with { LoadRate = v });
        var warmUp = bind.Bind(ToolOptions.Time("--warm-up", "load requests in this first part of the run are not measured", TimeSpan.FromSeconds(10), TimeSpan.Zero, TimeSpan.FromHours(1)), (o, v) => o with { WarmUp = v });
        bind.Bind(new Option<string?>("--device-key") { Description = "key of the devices already bound to the slots driven (default: the demo's demo-device-key-<deviceId>)" },
            (o, v) => o with { DeviceKey = v });
        bind.Bind(new Option<bool>("--rebind") { Description = "bind slots that are not the simulator's own (SIM-…, LOAD-…) with a fresh key: their real device stops working until an operator re-keys it" },
            (o, v) => o with { Rebind = v });
        bind.Bind(new Option<(string Host, int Port)?>("--mqtt")
        {
            Description = "send the devices' readings over MQTT to the host's embedded server at host:port (e.g. 127.0.0.1:1883) instead of POST /api/v1/sensor-events (the --load devices still use HTTP)",
            CustomParser = ParseMqtt,
        }, (o, v) => o with { Mqtt = v });
        bind.Bind(new Option<bool>("--quiet") { Description = "print only the summary" }, (o, v) => o with { Quiet = v });
        bind.Bind(new Option<bool>("--no-progress") { Description = "no progress bar" }, (o, v) => o with { Progress = !v });
        bind.Bind(ToolOptions.AllowRealData(), (o, v) => o with { AllowRealData = v });

        command.SetAction(async (result, cancel) =>
        {
            if (result.GetValue(load) > 0 && result.GetValue(warmUp) >= result.GetValue(duration))
            {
                await Console.Error.WriteLineAsync("ShelfSim: --warm-up must be shorter than --duration.");
                return ToolCommandLine.UsageError;
            }
            return await run(bind.Read(result), cancel);
        });
        return command;
    }

    private static (string Host, int Port)? ParseMqtt(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        var colon = text.LastIndexOf(':');
        if (colon > 0 && int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535)
            return (text[..colon], port);
        result.AddError($"--mqtt must be host:port (e.g. 127.0.0.1:1883), not '{text}'.");
        return null;
    }

    private static IReadOnlyList<string> ParseSlots(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            if (count is >= 1 and <= 500) return Enumerable.Range(1, count).Select(n => string.Create(CultureInfo.InvariantCulture, $"SIM-{n:00}")).ToList();
            result.AddError($"--slots as a count must be between 1 and 500, not {count}.");
            return [];
        }
        var slots = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var slot in slots)
        {
            if (slot.Length <= 64 && slot.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')) continue;
            result.AddError($"--slots: '{slot}' is not a slot id (letters, digits, '.', '_', '-').");
            return [];
        }
        if (slots.Length == 0) result.AddError("--slots is empty.");
        return slots.Distinct().ToList();
    }
}
