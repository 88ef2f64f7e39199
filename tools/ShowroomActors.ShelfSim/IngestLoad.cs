using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using ShowroomActors.Client;

namespace ShowroomActors.ShelfSim;

/// <summary>
/// Sustained device load beside the simulated shelves: <c>devices</c> RFID-style devices on their own slots
/// (LOAD-001…), each posting batches of <c>batch</c> lifted/returned events (one request in flight per device):
/// back to back (closed loop, <c>rate</c> 0), or on a fixed schedule so that all together offer <c>rate</c> events
/// per second; a device that falls behind sends at once until it is back on schedule. Measures persisted events per
/// second and request times: every 200 answer means the batch is persisted.
/// </summary>
public sealed class IngestLoad(ShowroomClient client, int devices, int batch, int rate)
{
    private long _events;
    private long _requests;
    private long _failures;
    private readonly Latencies _requestTimes = new();

    public async Task<IReadOnlyList<(string SlotId, string DeviceId, string Key)>> BindAsync(string productId, CancellationToken cancel)
    {
        var bound = new List<(string, string, string)>();
        for (var i = 1; i <= devices; i++)
        {
            var slotId = string.Create(CultureInfo.InvariantCulture, $"LOAD-{i:000}");
            var deviceId = $"load-{slotId}";
            var key = "shelfsim-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
            await client.BindSlotAsync(slotId, productId, deviceId, key, cancel);
            bound.Add((slotId, deviceId, key));
        }
        return bound;
    }

    public async Task RunAsync(IReadOnlyList<(string SlotId, string DeviceId, string Key)> slots, TimeSpan warmUp, CancellationToken cancel)
    {
        var measureFrom = Stopwatch.GetTimestamp() + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        // Paced: each device posts once per interval; the devices start spread over one interval.
        var interval = rate > 0 ? (long)((double)batch * slots.Count / rate * Stopwatch.Frequency) : 0;
        var first = Stopwatch.GetTimestamp();
        await Task.WhenAll(slots.Select((s, i) => DeviceAsync(s, measureFrom, first + interval * i / slots.Count, interval, cancel)));
    }

    private async Task DeviceAsync((string SlotId, string DeviceId, string Key) slot, long measureFrom, long next, long interval, CancellationToken cancel)
    {
        long seq = 0;
        var boot = DateTimeOffset.UtcNow.ToUnixTimeSeconds(); // a new boot per run, as in SimulatedShelf
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                if (interval > 0)
                {
                    var wait = next - Stopwatch.GetTimestamp();
                    if (wait > 0) await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), cancel);
                    next += interval;
                }
                var now = DateTimeOffset.UtcNow;
                var events = new DeviceEvent[batch];
                for (var i = 0; i < batch; i++, seq++)
                    events[i] = new DeviceEvent(slot.DeviceId, slot.SlotId, seq, boot, now, seq % 2 == 0 ? "lifted" : "returned", null, null);
                var body = JsonSerializer.SerializeToUtf8Bytes(new { events }, ShowroomClient.Json);
                var start = Stopwatch.GetTimestamp();
                var status = await client.PostEventsStatusAsync(slot.Key, body, 0, cancel);
                if (start < measureFrom) continue;
                _requestTimes.Record(start, Stopwatch.GetTimestamp());
                Interlocked.Increment(ref _requests);
                if (status == 200) Interlocked.Add(ref _events, batch);
                else Interlocked.Increment(ref _failures);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
        }
    }

    public string Summary(TimeSpan measured) => string.Create(CultureInfo.InvariantCulture,
        $"ingest load: {devices} devices x {batch} events per request, {(rate > 0 ? $"offered {rate} events/s" : "closed loop")}: {_events / measured.TotalSeconds:0} persisted events/s, {_requests / measured.TotalSeconds:0} requests/s, {_failures} failed; request time {_requestTimes.Summary()}");
}
