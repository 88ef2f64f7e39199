using System.Diagnostics;
using System.Globalization;
using ShowroomActors.LoadGen;

LoadOptions options;
try
{
    options = LoadOptions.Parse(args, Environment.GetEnvironmentVariable);
}
catch (HelpRequested)
{
    Console.WriteLine(LoadOptions.Usage);
    return 0;
}
catch (UsageException e)
{
    Console.Error.WriteLine($"LoadGen: {e.Message}");
    Console.Error.WriteLine("Run with --help for the options.");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
var consoleGate = new object();
void Log(string line)
{
    lock (consoleGate) Console.WriteLine(line);
}

using var http = new ShowroomHttp(options.Urls, options.Connections, options.Timeout, options.OperatorKey);
foreach (var url in options.Urls)
{
    if (!await http.IsLiveAsync(url, stop.Token))
    {
        Console.Error.WriteLine($"LoadGen: no ShowroomActors host answers at {url} (GET /health/live). Start it first, e.g.:");
        Console.Error.WriteLine("  dotnet run --project src/ShowroomActors.Host -c Release");
        return 1;
    }
}

var startedAt = DateTimeOffset.UtcNow;
Fixture fixture;
try
{
    fixture = await Fixture.SetUpAsync(options, http, Log, stop.Token);
}
catch (Exception e) when (e is SetupException or HttpRequestException or OperationCanceledException)
{
    Console.Error.WriteLine($"LoadGen: set-up failed: {e.Message}");
    return 1;
}

var rates = string.Join(", ", TrafficKinds.All.Where(k => options.Rate(k) > 0)
    .Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Name()} {options.Rate(k):0.##}/s")));
Log(string.Create(CultureInfo.InvariantCulture,
    $"sending {rates} to {string.Join(", ", options.Urls)}: {options.WarmUp.TotalSeconds:0.#} s warm-up, then {options.Duration.TotalSeconds:0.#} s measured (progress: sent/ok/errors, p99 of the last second)"));

var run = new LoadRun(options, http, fixture, Log);
var process = Process.GetCurrentProcess();
var cpuBefore = process.TotalProcessorTime;
var allocatedBefore = GC.GetTotalAllocatedBytes();
var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
var wall = Stopwatch.StartNew();
await run.RunAsync(stop.Token);
wall.Stop();
process.Refresh();
var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;

var seconds = run.MeasuredSeconds;
var report = new RunReport(
    startedAt,
    options.Urls.Select(u => u.ToString().TrimEnd('/')).ToList(),
    "ShowroomActors.LoadGen " + string.Join(' ', LoadOptions.WithoutSecrets(args)),
    options.WarmUp.TotalSeconds,
    seconds,
    options.Slots,
    options.DeviceCount,
    options.Buyers,
    options.EventsPerRequest,
    run.Stats.Select(s => KindReport.From(s, s.TakeMeasured(), seconds)).ToList(),
    new DeviceEventsReport(run.EventsSent, run.EventsAccepted, run.EventsDuplicate, run.EventsRejected, seconds > 0 ? run.EventsAccepted / seconds : 0, run.BatchesWaited),
    run.Probes.Count > 0 ? new ProbeReport(run.Probes.Count, run.Stats.FirstOrDefault(s => s.Kind == TrafficKind.Probe)?.Skipped ?? 0, run.Probes.Sum(p => p.Reconnects)) : null,
    new ToolReport(cpu, wall.Elapsed.TotalSeconds, cpu / wall.Elapsed.TotalSeconds, Environment.ProcessorCount,
        (GC.GetTotalAllocatedBytes() - allocatedBefore) / 1048576.0,
        GC.CollectionCount(0) - gcBefore.Item1, GC.CollectionCount(1) - gcBefore.Item2, GC.CollectionCount(2) - gcBefore.Item3),
    MachineReport.Current());

Console.WriteLine();
Console.Write(report.ToTable());
if (options.JsonPath is { } path)
{
    try
    {
        await File.WriteAllTextAsync(path, report.ToJson() + Environment.NewLine, CancellationToken.None);
        Console.WriteLine($"results written to {path}");
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"LoadGen: cannot write {path}: {e.Message}");
        return 1;
    }
}
return 0;
