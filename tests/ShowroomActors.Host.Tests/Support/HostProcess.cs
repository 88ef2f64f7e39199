using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ShowroomActors.Host.Tests.Support;

/// <summary>The real host as a separate process (the built ShowroomActors.Host.dll), for crash tests.</summary>
public sealed class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestShowroom.OperatorKey);
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }
    public HttpClient Client { get; }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static async Task<HostProcess> StartAsync(string dataDir, IDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var host = new HostProcess(Process.Start(StartInfo(dataDir, port, environment))!, new Uri($"http://127.0.0.1:{port}"));
        await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        return host;
    }

    /// <summary>Runs the host until it exits by itself (a configuration error): its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(string dataDir, IDictionary<string, string> environment)
    {
        using var process = Process.Start(StartInfo(dataDir, FreePort(), environment))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The host did not exit:\n{await output}{await error}");
        }
        return (process.ExitCode, await output + await error);
    }

    private static ProcessStartInfo StartInfo(string dataDir, int port, IDictionary<string, string>? environment)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ShowroomActors.Host.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["SHOWROOM_DATA_DIR"] = dataDir;
        start.Environment["SHOWROOM_AKKA_PORT"] = "0";
        start.Environment["SHOWROOM_DEMO"] = "off";
        // Never the default MQTT port 1883: a test that speaks MQTT passes its own free port.
        start.Environment["SHOWROOM_MQTT_PORT"] = "off";
        start.Environment.Remove("SHOWROOM_MQTT_BROKER");
        start.Environment["SHOWROOM_OPERATOR_KEY"] = TestShowroom.OperatorKey;
        start.Environment.Remove("ASPNETCORE_URLS");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        return start;
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"Host exited with {_process.ExitCode}:\n{Output}");
            try
            {
                var ready = await Client.GetAsync("/health/ready");
                if (ready.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"Host not ready after {timeout}:\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, nothing graceful.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    /// <summary>SIGTERM, then wait for the exit code.</summary>
    public int Terminate(TimeSpan timeout)
    {
        Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        if (!_process.WaitForExit((int)timeout.TotalMilliseconds)) throw new TimeoutException($"Host ignored SIGTERM:\n{Output}");
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        Client.Dispose();
        if (!_process.HasExited) KillHard();
        _process.Dispose();
    }
}
