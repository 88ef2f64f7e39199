using System.Diagnostics;
using System.Net.Sockets;
using ShowroomActors.Host.Configuration;
using ShowroomActors.Host.Tests.Shelves;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.Mqtt;

/// <summary>
/// Debian's mosquitto, started by the test on a free loopback port with its own configuration file in a temporary
/// folder. Missing mosquitto fails the test under CI (CI=true: .ci/run installs it) and skips it elsewhere.
/// </summary>
public sealed class Mosquitto : IDisposable
{
    public const string Binary = "/usr/sbin/mosquitto";
    private readonly Process _process;
    private readonly string _dir;

    private Mosquitto(Process process, string dir, int port)
    {
        _process = process;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    public static async Task<Mosquitto> StartAsync()
    {
        if (!File.Exists(Binary))
        {
            var reason = $"{Binary} is not installed (apt-get install mosquitto)";
            if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail($"{reason}: CI must run the broker tests.");
            Console.WriteLine($"Skipping the mosquitto tests: {reason}.");
            Skip.If(true, reason);
        }
        var dir = Path.Combine(Path.GetTempPath(), "showroom-tests", "mosquitto-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var port = MqttDevice.FreePort();
        var config = Path.Combine(dir, "mosquitto.conf");
        // The showroom's production setup signs devices in with a password file and an ACL (docs/OPERATIONS.md); this
        // broker checks nothing itself, so the test sees what the host checks (the device-key property).
        await File.WriteAllTextAsync(config, $"""
            listener {port} 127.0.0.1
            allow_anonymous true
            persistence false
            log_dest stdout
            """);
        var process = Process.Start(new ProcessStartInfo(Binary, ["-c", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var broker = new Mosquitto(process, dir, port);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return broker;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit(10_000);
        _process.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}

public sealed class BrokerMqttTests
{
    [SkippableFact]
    public async Task A_node_on_an_external_broker_persists_a_published_lift_then_acks_it()
    {
        using var broker = await Mosquitto.StartAsync();
        var mqtt = new MqttSettings { Broker = new Uri($"mqtt://127.0.0.1:{broker.Port}"), Group = "showroom-test" };
        await using var showroom = await TestShowroom.StartAsync(extraHocon: ShelfHost.ShortTimings, mqtt: mqtt);
        await ShelfHost.BindAsync(showroom, "mb-1", "rfid-mb-1", "key-of-rfid-mb-1", "mb-fuzhu");
        await using var device = await MqttDevice.ConnectToBrokerAsync(broker.Port, "rfid-mb-1", "key-of-rfid-mb-1");

        // The host's subscription may still be on its way: publish until an ack comes (a repeat is a duplicate).
        System.Text.Json.JsonElement ack = default;
        await TestShowroom.EventuallyAsync(async () =>
        {
            await device.PublishEventsAsync([ShelfHost.Event("mb-1", "rfid-mb-1", 0, "lifted")], batchId: "mb-b1");
            var next = await device.TryNextAckAsync(TimeSpan.FromSeconds(2));
            if (next is null) return false;
            ack = next.Value.Ack;
            return true;
        }, TimeSpan.FromSeconds(30), "the node to take a publish from the broker");

        Assert.Equal("mb-b1", ack.GetProperty("batchId").GetString());
        Assert.Equal(1, ack.GetProperty("accepted").GetInt32() + ack.GetProperty("duplicates").GetInt32());
        var slot = await TestShowroom.JsonAsync(await showroom.GetAsync("/api/v1/slots/mb-1", key: null));
        Assert.Equal(1, slot.GetProperty("lifts").GetInt32());

        // A wrong key on the publish: nothing recorded, the ack carries the problem.
        await using var impostor = await MqttDevice.ConnectToBrokerAsync(broker.Port, "rfid-mb-1", "not-the-key-of-mb-1");
        await impostor.PublishEventsAsync([ShelfHost.Event("mb-1", "rfid-mb-1", 1, "returned")]);
        var refused = (await impostor.NextAckAsync()).Ack;
        Assert.Equal(401, refused.GetProperty("refused").GetProperty("status").GetInt32());
        slot = await TestShowroom.JsonAsync(await showroom.GetAsync("/api/v1/slots/mb-1", key: null));
        Assert.Equal(0, slot.GetProperty("returns").GetInt32());
    }
}
