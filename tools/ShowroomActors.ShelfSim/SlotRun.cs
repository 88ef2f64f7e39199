using System.Diagnostics;
using ShowroomActors.Client;

namespace ShowroomActors.ShelfSim;

/// <summary>
/// One simulated device sending to the host (<paramref name="send"/>: POST /api/v1/sensor-events, or an MQTT publish
/// answered by its ack), and the numbers of its run.
/// </summary>
public sealed class SlotRun(SimulatedShelf shelf, Func<DeviceEvent[], CancellationToken, Task<(int Status, IngestAnswer? Answer)>> send, Random random, Action<string> log)
{
    private readonly object _gate = new();
    private long _decidingPostTicks;
    private long _lastVersion = -1;
    private DeviceEvent[]? _previous;

    public SimulatedShelf Shelf => shelf;
    /// <summary>The device's MQTT connection when it speaks MQTT (closed after the run).</summary>
    public MqttLink? Link { get; init; }
    public int Requests { get; private set; }
    public int EventsSent { get; private set; }
    public int Accepted { get; private set; }
    public int DuplicatesSent { get; private set; }
    public int DuplicatesCounted { get; private set; }
    public int Rejected { get; private set; }
    public int Failures { get; private set; }
    public int ProductFrames { get; private set; }
    public int IdleFrames { get; private set; }
    public int LiftsBefore { get; set; }
    public int ReturnsBefore { get; set; }
    /// <summary>From sending the reading that completed a lift to its frame on the screen.</summary>
    public Latencies DecidingPostToFrame { get; } = new();
    /// <summary>From the moment the item began to move to its frame (includes the no-motion time).</summary>
    public Latencies LiftToFrame { get; } = new();

    /// <summary>Posts a reading every <paramref name="every"/>; reboots the device at <paramref name="rebootAt"/>; from
    /// <paramref name="closeAt"/> on no new pickups start, so the last ones settle and can be compared with the host.</summary>
    public async Task RunAsync(TimeSpan every, DateTimeOffset rebootAt, DateTimeOffset closeAt, CancellationToken cancel)
    {
        using var timer = new PeriodicTimer(every);
        var rebooted = false;
        try
        {
            while (await timer.WaitForNextTickAsync(cancel))
            {
                var now = DateTimeOffset.UtcNow;
                shelf.Closing = now >= closeAt;
                if (!rebooted && now >= rebootAt)
                {
                    shelf.Reboot(now);
                    rebooted = true;
                }
                var reading = shelf.Tick(now);
                foreach (var note in shelf.Notes) log($"[{shelf.SlotId}] {note}");
                shelf.Notes.Clear();
                if (reading is null) continue;

                await PostAsync([reading], duplicate: false, shelf.LastWasDeciding, cancel);
                // Brokers and gateways deliver at least once: now and then the same request arrives again.
                if (_previous is not null && random.NextDouble() < 0.03) await PostAsync(_previous, duplicate: true, deciding: false, cancel);
                _previous = [reading];
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
        }
    }

    private async Task PostAsync(DeviceEvent[] events, bool duplicate, bool deciding, CancellationToken cancel)
    {
        if (deciding) Interlocked.Exchange(ref _decidingPostTicks, Stopwatch.GetTimestamp());
        Requests++;
        EventsSent += events.Length;
        if (duplicate) DuplicatesSent += events.Length;
        var (status, answer) = await send(events, cancel);
        if (answer is not { } a)
        {
            Failures++;
            log($"[{shelf.SlotId}] {(Link is null ? "POST answered " + status : "MQTT publish got no ack")}");
            return;
        }
        Accepted += a.Kept;
        DuplicatesCounted += a.Duplicates;
        Rejected += a.Rejected;
        if (duplicate) log($"[{shelf.SlotId}] resent seq {events[0].Seq} (boot {events[0].Boot}): host counted {a.Duplicates} duplicate");
    }

    public void OnFrame(ScreenWatcher.Frame frame)
    {
        lock (_gate)
        {
            if (frame.Version <= _lastVersion) return;
            var first = _lastVersion < 0;
            _lastVersion = frame.Version;
            if (first) return; // the state the screen connected to
            if (frame.Mode != "product")
            {
                IdleFrames++;
                log($"[{shelf.SlotId}] screen v{frame.Version}: idle");
                return;
            }
            ProductFrames++;
            var postMs = Stopwatch.GetElapsedTime(Interlocked.Read(ref _decidingPostTicks), frame.ArrivedTicks).TotalMilliseconds;
            // The host settled on an earlier reading than predicted (the last motion reading fell inside the band), or
            // the prediction belongs to an earlier lift: not timed rather than timed wrong.
            var timed = postMs is >= 0 and < 5000;
            if (timed) DecidingPostToFrame.RecordMilliseconds(postMs);
            var liftText = "";
            if (shelf.LiftBegan is { } began)
            {
                var liftMs = (DateTimeOffset.UtcNow - began).TotalMilliseconds;
                LiftToFrame.RecordMilliseconds(liftMs);
                liftText = $", {liftMs:0} ms after the item began to move";
            }
            log(timed
                ? $"[{shelf.SlotId}] screen v{frame.Version}: {frame.ProductName} — {postMs:0.0} ms after the deciding reading was sent{liftText}"
                : $"[{shelf.SlotId}] screen v{frame.Version}: {frame.ProductName} (decided on another reading than predicted: not timed){liftText}");
        }
    }
}
