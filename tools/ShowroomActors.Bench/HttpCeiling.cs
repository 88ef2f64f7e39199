using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ShowroomActors.Client;
using ShowroomActors.Client.Cli;

namespace ShowroomActors.Bench;

/// <summary>
/// (a') The HTTP ceiling beside the host, in one run: the Bench starts itself twice as a child process, once as the
/// bare Kestrel endpoint (<see cref="BareIngestServer"/>) and once as the showroom host on a fresh SQLite file, and
/// loads them in turns with the same closed-loop generator, like wrk: <see cref="Connections"/> connections, each one
/// device posting <see cref="EventsPerRequest"/> lifted/returned events per request, the next as soon as the last
/// is answered. The turns alternate (bare, host, bare, host, …) so drift on a shared machine falls on both alike.
/// Both servers and the generator share the machine's cores, so each turn also reads every process's CPU from
/// /proc: besides requests per second it prints the server CPU per request, which does not depend on how much CPU
/// the generator took, and what the generator used.
/// </summary>
public static class HttpCeiling
{
    public const int Connections = 40;
    public const int EventsPerRequest = 20;

    public sealed record Turn(string Server, double Seconds, long Requests, long Failed, double ServerCpu, double GeneratorCpu)
    {
        public double RequestsPerSecond => Requests / Seconds;
        public double ServerMicrosPerRequest => Requests == 0 ? 0 : ServerCpu * 1e6 / Requests;
    }

    public static async Task RunAsync(BenchRun run)
    {
        var scale = run.Scale;
        var turn = scale.Quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(10);
        var rounds = scale.Quick ? 2 : 3;
        var bareUrl = FreeUrl();
        var hostUrl = FreeUrl();
        using var bare = Serve("bare", bareUrl, null);
        using var host = Serve("host", hostUrl, Path.Combine(run.Work, "http-ceiling-host"));
        try
        {
            using var bareClient = new ShowroomClient([new Uri(bareUrl)], ShowroomClient.DemoOperatorKey, Connections);
            using var hostClient = new ShowroomClient([new Uri(hostUrl)], ShowroomClient.DemoOperatorKey, Connections);
            await WaitUntilAsync(bareClient.IsLiveAsync, bareClient, bare);
            await WaitUntilAsync(hostClient.IsReadyAsync, hostClient, host);
            var devices = await SetUpHostAsync(hostClient);

            // JIT of both servers and of the generator: both get load before anything is measured.
            await LoadAsync(bareClient, devices, scale.WarmUp / 2);
            await LoadAsync(hostClient, devices, scale.WarmUp);
            var turns = new List<Turn>();
            for (var round = 0; round < rounds; round++)
            {
                turns.Add(await MeasureAsync("bare", bareClient, bare, devices, turn));
                turns.Add(await MeasureAsync("host", hostClient, host, devices, turn));
            }
            foreach (var t in turns)
                ProgressDisplay.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    {t.Server}: {t.RequestsPerSecond:N0} requests/s, {t.Failed} failed; server {t.ServerCpu / t.Seconds:0.00} cores, {t.ServerMicrosPerRequest:0} µs CPU a request; generator {t.GeneratorCpu / t.Seconds:0.00} cores"));

            var bareTurns = turns.Where(t => t.Server == "bare").ToList();
            var hostTurns = turns.Where(t => t.Server == "host").ToList();
            double Rate(List<Turn> ts) => ts.Sum(t => t.Requests) / ts.Sum(t => t.Seconds);
            double CpuPerRequest(List<Turn> ts) => ts.Sum(t => t.ServerCpu) * 1e6 / Math.Max(1, ts.Sum(t => t.Requests));
            double Generator(List<Turn> ts) => ts.Sum(t => t.GeneratorCpu) / ts.Sum(t => t.Seconds);
            var what = $"HTTP ingest, {Connections} connections x {EventsPerRequest} events/request";
            run.Add(new Figure(what, "ceiling:http", Rate(bareTurns), "requests/s", true)
            {
                Note = string.Create(CultureInfo.InvariantCulture, $"bare Kestrel: the same body, parse and answer size; server {CpuPerRequest(bareTurns):0} µs CPU a request, generator {Generator(bareTurns):0.00} cores"),
            });
            run.Add(new Figure(what, "http", Rate(hostTurns), "requests/s", true)
            {
                Note = string.Create(CultureInfo.InvariantCulture,
                    $"the host on SQLite: {Rate(hostTurns) / Rate(bareTurns):0.00} of (a') in requests/s, {CpuPerRequest(bareTurns) / CpuPerRequest(hostTurns):0.00} of it in server CPU per request ({CpuPerRequest(hostTurns):0} µs); generator {Generator(hostTurns):0.00} cores; {hostTurns.Sum(t => t.Failed)} failed"),
            });
        }
        finally
        {
            Stop(bare);
            Stop(host);
        }
    }

    /// <summary>One device per connection, each on its own slot, numbering its events on from where it stands.</summary>
    private sealed class Device(string slotId, string deviceId, string key, long boot)
    {
        private readonly JsonEncodedText _slotId = JsonEncodedText.Encode(slotId);
        private readonly JsonEncodedText _deviceId = JsonEncodedText.Encode(deviceId);
        private long _seq;
        public string Key => key;

        public void WriteBatch(Utf8JsonWriter writer)
        {
            var now = DateTimeOffset.UtcNow;
            writer.WriteStartObject();
            writer.WriteStartArray("events"u8);
            for (var i = 0; i < EventsPerRequest; i++, _seq++)
            {
                DeviceEventJson.WriteStart(writer, _deviceId, _slotId, boot, _seq, now, _seq % 2 == 0 ? "lifted"u8 : "returned"u8);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
    }

    /// <summary>A fresh journal's first writes can outlast the host's ask timeout on a busy machine: try again.</summary>
    private static async Task<IReadOnlyList<Device>> SetUpHostAsync(ShowroomClient host)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await BindDevicesAsync(host);
            }
            catch (ShowroomApiException) when (attempt < 5)
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }
    }

    private static async Task<IReadOnlyList<Device>> BindDevicesAsync(ShowroomClient host)
    {
        await host.RegisterProductAsync(new ProductRegistration("bench-http-tea", "凌云白毫茶 100g", "tea", "凌云县", "凌云县白毫茶专业合作社", true,
            "FP45102720200001", 12800, 160, "高山云雾白毫茶。", "合作社带动45户茶农增收。"), CancellationToken.None);
        var boot = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var devices = new List<Device>();
        for (var i = 0; i < Connections; i++)
        {
            var slotId = string.Create(CultureInfo.InvariantCulture, $"bench-http-{i:00}");
            var key = $"bench-http-key-{i:00}-0123456789";
            await host.BindSlotAsync(slotId, "bench-http-tea", $"dev-{slotId}", key, CancellationToken.None);
            devices.Add(new Device(slotId, $"dev-{slotId}", key, boot));
        }
        return devices;
    }

    private static async Task<Turn> MeasureAsync(string name, ShowroomClient client, Process server, IReadOnlyList<Device> devices, TimeSpan length)
    {
        var serverBefore = CpuSeconds(server);
        var generatorBefore = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var watch = Stopwatch.StartNew();
        var (requests, failed) = await LoadAsync(client, devices, length);
        var seconds = watch.Elapsed.TotalSeconds;
        var generator = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - generatorBefore;
        return new Turn(name, seconds, requests, failed, CpuSeconds(server) - serverBefore, generator);
    }

    /// <summary>Every device posts batch after batch on its own connection until <paramref name="length"/> is over.</summary>
    private static async Task<(long Requests, long Failed)> LoadAsync(ShowroomClient client, IReadOnlyList<Device> devices, TimeSpan length)
    {
        long requests = 0, failed = 0;
        var until = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(devices.Select(async device =>
        {
            var body = new ArrayBufferWriter<byte>(4096);
            await using var writer = new Utf8JsonWriter(body);
            while (Stopwatch.GetTimestamp() < until)
            {
                body.ResetWrittenCount();
                writer.Reset(body);
                device.WriteBatch(writer);
                await writer.FlushAsync();
                var status = await client.PostEventsStatusAsync(device.Key, body.WrittenMemory, 0, CancellationToken.None);
                Interlocked.Increment(ref requests);
                if (status != 200) Interlocked.Increment(ref failed);
            }
        }));
        return (requests, failed);
    }

    private static Process Serve(string kind, string url, string? dataDir)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { typeof(HttpCeiling).Assembly.Location, "serve", kind, "--urls", url }) start.ArgumentList.Add(arg);
        if (dataDir is not null)
        {
            start.ArgumentList.Add("--data");
            start.ArgumentList.Add(dataDir);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start the {kind} server.");
        // Drain the child's output so a full pipe never blocks it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) ProgressDisplay.WriteLine($"    [{kind}] {line}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilAsync(Func<Uri?, CancellationToken, Task<bool>> answers, ShowroomClient client, Process server)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (!await answers(null, CancellationToken.None))
        {
            if (server.HasExited) throw new InvalidOperationException($"The server at {client.Bases[0]} exited with {server.ExitCode}.");
            if (DateTime.UtcNow > until) throw new TimeoutException($"The server at {client.Bases[0]} did not answer within 60 s.");
            await Task.Delay(200);
        }
    }

    private static void Stop(Process server)
    {
        if (server.HasExited) return;
        server.Kill(entireProcessTree: true);
        server.WaitForExit(10_000);
    }

    /// <summary>A process's CPU time (user + system) in seconds.</summary>
    private static double CpuSeconds(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime.TotalSeconds;
    }

    private static string FreeUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
    }
}
