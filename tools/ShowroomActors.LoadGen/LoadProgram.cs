using System.Diagnostics;
using System.Globalization;
using ShowroomActors.Client;
using ShowroomActors.Client.Cli;

namespace ShowroomActors.LoadGen;

/// <summary>The traffic-mix run: check the hosts, set up the fixture, run the schedules with progress, print and write the results.</summary>
public static class LoadProgram
{
    public static async Task<int> RunAsync(LoadOptions options, IReadOnlyList<string> args, CancellationToken stop)
    {
        using var client = new ShowroomClient(options.Urls, options.OperatorKey, options.Connections, options.Timeout);
        foreach (var url in options.Urls)
        {
            if (await client.IsLiveAsync(url, stop)) continue;
            Console.Error.WriteLine($"LoadGen: no ShowroomActors host answers at {url} (GET /health/live). Start it first, e.g.:");
            Console.Error.WriteLine("  dotnet run --project src/ShowroomActors.Host -c Release");
            return 1;
        }

        var startedAt = DateTimeOffset.UtcNow;
        Fixture fixture;
        try
        {
            await RealDataGuard.CheckAsync(client, "LoadGen", [options.Prefix + "-"], options.AllowRealData, stop);
            fixture = await Fixture.SetUpAsync(options, client, ProgressDisplay.WriteLine, stop);
        }
        catch (Exception e) when (e is ShowroomApiException or HttpRequestException or OperationCanceledException)
        {
            Console.Error.WriteLine($"LoadGen: set-up failed: {e.Message}");
            return 1;
        }

        var rates = string.Join(", ", TrafficKinds.All.Where(k => options.Rate(k) > 0)
            .Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Name()} {options.Rate(k):0.##}/s")));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sending {rates} to {string.Join(", ", options.Urls)}: {options.WarmUp.TotalSeconds:0.#} s warm-up, then {options.Duration.TotalSeconds:0.#} s measured (progress: sent/ok/errors, p99 of the last second)"));

        var run = new LoadRun(options, client, fixture, ProgressDisplay.WriteLine);
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var wall = Stopwatch.StartNew();
        await ProgressDisplay.RunAsync("load", (options.WarmUp + options.Duration).TotalSeconds, options.Progress, display => run.RunAsync(display, stop));
        wall.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;

        var seconds = run.MeasuredSeconds;
        var report = new RunReport(
            startedAt,
            options.Urls.Select(u => u.ToString().TrimEnd('/')).ToList(),
            "ShowroomActors.LoadGen " + string.Join(' ', ToolOptions.WithoutSecrets(args)),
            options.WarmUp.TotalSeconds,
            seconds,
            options.Slots,
            options.DeviceCount,
            options.Buyers,
            options.EventsPerRequest,
            run.Stats.Select(s => KindReport.From(s, s.TakeMeasured(), seconds)).ToList(),
            run.DeviceEvents.Report(seconds),
            run.Probes.Count > 0 ? new ProbeReport(run.Probes.Count, run.Stats.FirstOrDefault(s => s.Kind == TrafficKind.Probe)?.Skipped ?? 0, run.Probes.Sum(p => p.Reconnects)) : null,
            ToolReport.Since(cpu, wall.Elapsed, allocatedBefore, gcBefore),
            MachineReport.Current());

        Console.WriteLine();
        Console.Write(report.ToTable());
        if (options.JsonPath is not { } path) return 0;
        try
        {
            await File.WriteAllTextAsync(path, report.ToJson() + Environment.NewLine, CancellationToken.None);
            Console.WriteLine($"results written to {path}");
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"LoadGen: cannot write {path}: {e.Message}");
            return 1;
        }
    }
}
