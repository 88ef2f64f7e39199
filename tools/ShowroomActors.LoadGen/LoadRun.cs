using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using ShowroomActors.Client;
using ShowroomActors.Client.Cli;

namespace ShowroomActors.LoadGen;

/// <summary>
/// The run: one open-loop schedule per kind of traffic (request n of a kind is due at start + n / rate, whatever
/// happened to the earlier ones), the probe screens, and the progress line. Each send is timed from its due time.
/// </summary>
public sealed class LoadRun
{
    /// <summary>Sends of one kind still waiting for an answer above which new ones are dropped (counted as <c>backlog</c>).</summary>
    public const int MaxInFlightPerKind = 10_000;
    public const string Backlog = "backlog";

    private readonly LoadOptions _options;
    private readonly ShowroomClient _http;
    private readonly Fixture _fixture;
    private readonly Action<string> _log;
    private readonly Dictionary<TrafficKind, KindStats> _stats = [];
    private readonly Channel<DeviceLane> _idleDevices = Channel.CreateUnbounded<DeviceLane>();
    private readonly List<ProbeSlot> _probes;
    private readonly Uri[][] _quota;
    private readonly Uri[] _report;
    private readonly string _runId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 4));
    private readonly long _start;
    private readonly long _measureFrom;
    private readonly long _end;
    private long _orderCounter;
    private int _probeCursor;

    public LoadRun(LoadOptions options, ShowroomClient http, Fixture fixture, Action<string> log)
    {
        _options = options;
        _http = http;
        _fixture = fixture;
        _log = log;
        _start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 2;
        _measureFrom = _start + Ticks(options.WarmUp);
        _end = _measureFrom + Ticks(options.Duration);
        foreach (var kind in TrafficKinds.All)
            if (options.Rate(kind) > 0)
                _stats[kind] = new KindStats(kind, options.Rate(kind), _measureFrom, _end);
        foreach (var device in fixture.Devices) _idleDevices.Writer.TryWrite(new DeviceLane(device));
        var bases = http.Bases.Length;
        _probes = fixture.ProbeDevices.Select((d, i) => new ProbeSlot(d, i % bases, (i + 1) % bases)).ToList();
        _quota = Enumerable.Range(0, bases)
            .Select(b => fixture.Buyers.Select(id => new Uri(http.Bases[b], string.Create(CultureInfo.InvariantCulture, $"/api/v1/buyers/{id}/quota/{fixture.Year}"))).ToArray())
            .ToArray();
        _report = http.PerBase(string.Create(CultureInfo.InvariantCulture, $"/api/v1/reports/quota/{fixture.Year}"));
    }

    public IReadOnlyCollection<KindStats> Stats => _stats.Values;
    public IReadOnlyList<ProbeSlot> Probes => _probes;
    /// <summary>The device events of the measured batches.</summary>
    public DeviceEventCounts DeviceEvents { get; } = new();

    /// <summary>Seconds of the measured window that actually ran (shorter if the run was stopped).</summary>
    public double MeasuredSeconds { get; private set; }

    public async Task RunAsync(ProgressDisplay display, CancellationToken stop)
    {
        using var streams = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var watchers = _probes.Select(p => p.WatchAsync(_http, streams.Token)).ToList();
        await WaitForScreensAsync(stop);

        using var progress = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var progressLoop = ProgressAsync(display, progress.Token);
        var schedules = _stats.Values.Select(s => ScheduleAsync(s, stop)).ToList();
        await Task.WhenAll(schedules);
        // The whole window when the run went to its end; up to the stop when it was interrupted.
        MeasuredSeconds = stop.IsCancellationRequested
            ? Math.Max(0, Math.Min(Stopwatch.GetTimestamp(), _end) - _measureFrom) / (double)Stopwatch.Frequency
            : _options.Duration.TotalSeconds;

        // Let the answers still on their way arrive (at most the request timeout), then close the screens.
        var graceUntil = Stopwatch.GetTimestamp() + Ticks(_options.Timeout + TimeSpan.FromSeconds(1));
        while (_stats.Values.Any(s => s.InFlight > 0) && Stopwatch.GetTimestamp() < graceUntil && !stop.IsCancellationRequested)
            await Task.Delay(50, CancellationToken.None);
        await progress.CancelAsync();
        await progressLoop;
        await streams.CancelAsync();
        await Task.WhenAll(watchers);
    }

    /// <summary>Probes need their screens connected; give the streams a few seconds to send their first frame.</summary>
    private async Task WaitForScreensAsync(CancellationToken stop)
    {
        if (_probes.Count == 0) return;
        var until = Stopwatch.GetTimestamp() + Ticks(TimeSpan.FromSeconds(5));
        while (_probes.Any(p => p.FramesSeen == 0) && Stopwatch.GetTimestamp() < until && !stop.IsCancellationRequested)
            await Task.Delay(50, CancellationToken.None);
        var silent = _probes.Count(p => p.FramesSeen == 0);
        if (silent > 0) _log($"warning: {silent} of {_probes.Count} probe screens sent no frame within 5 s; probes skip them until they do");
    }

    private async Task ScheduleAsync(KindStats stats, CancellationToken stop)
    {
        var interval = Stopwatch.Frequency / stats.TargetRate;
        // Kinds start at different phases so they do not all fire in the same millisecond.
        var phase = interval * ((int)stats.Kind * 0.137 % 1.0);
        Func<long, Task> send = stats.Kind switch
        {
            TrafficKind.Ingest => IngestAsync,
            TrafficKind.Probe => ProbeAsync,
            TrafficKind.QrOrder => due => OrderAsync(due, qr: true),
            TrafficKind.WebOrder => due => OrderAsync(due, qr: false),
            TrafficKind.Quota => QuotaAsync,
            TrafficKind.Report => ReportAsync,
            _ => throw new InvalidOperationException(),
        };
        for (long n = 0; !stop.IsCancellationRequested; n++)
        {
            var due = _start + (long)(phase + n * interval);
            if (due >= _end) break;
            if (!await Schedule.WaitUntilAsync(due, stop)) break;
            if (stats.InFlight >= MaxInFlightPerKind)
            {
                stats.Started(due);
                stats.Failure(due, Backlog);
                continue;
            }
            _ = send(due);
        }
    }

    // ---- device batches ------------------------------------------------------------------------------

    /// <summary>A device with its reusable request and answer buffers; only one request of a device is ever in flight.</summary>
    private sealed class DeviceLane(SensorDevice device)
    {
        public SensorDevice Device { get; } = device;
        public ArrayBufferWriter<byte> Body { get; } = new(4096);
        public Utf8JsonWriter Writer { get; } = new(Stream.Null);
        public byte[] Answer { get; set; } = new byte[1024];
    }

    private async Task IngestAsync(long due)
    {
        var stats = _stats[TrafficKind.Ingest];
        stats.Started(due);
        // Open loop with ordered devices: a send takes the next idle device, and waits (timed from its due time)
        // when every device still has a batch in flight.
        if (!_idleDevices.Reader.TryRead(out var lane))
        {
            if (stats.IsMeasured(due)) DeviceEvents.Waited();
            lane = await _idleDevices.Reader.ReadAsync();
        }
        try
        {
            var count = _options.EventsPerRequest;
            lane.Body.ResetWrittenCount();
            lane.Writer.Reset(lane.Body);
            lane.Device.WriteBatch(lane.Writer, count, DateTimeOffset.UtcNow);
            lane.Writer.Flush();
            using var request = new HttpRequestMessage(HttpMethod.Post, _http.SensorEvents(_http.NextBase()));
            request.Content = new ReadOnlyMemoryContent(lane.Body.WrittenMemory);
            ShowroomClient.AddJsonContentType(request.Content);
            request.Headers.TryAddWithoutValidation("X-Device-Key", lane.Device.Key);
            if (stats.IsMeasured(due)) DeviceEvents.Sent(count);
            using var response = await _http.Requests.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var length = await ReadAnswerAsync(response, lane);
            var done = Stopwatch.GetTimestamp();
            var status = (int)response.StatusCode;
            if (status != 200) stats.Failure(due, status);
            else if (!IngestAnswer.TryParse(lane.Answer.AsSpan(0, length), out var answer)) stats.Failure(due, KindStats.BadAnswer);
            else
            {
                stats.Succeeded(due, done);
                if (stats.IsMeasured(due)) DeviceEvents.Answered(answer);
            }
        }
        catch (Exception e)
        {
            stats.Failure(due, FailureOf(e));
        }
        finally
        {
            _idleDevices.Writer.TryWrite(lane);
        }
    }

    /// <summary>Reads the answer into the lane's buffer (growing it if needed); returns its length.</summary>
    private static async Task<int> ReadAnswerAsync(HttpResponseMessage response, DeviceLane lane)
    {
        await using var stream = await response.Content.ReadAsStreamAsync();
        var length = 0;
        while (true)
        {
            if (length == lane.Answer.Length)
            {
                var bigger = new byte[lane.Answer.Length * 2];
                lane.Answer.AsSpan().CopyTo(bigger);
                lane.Answer = bigger;
            }
            var read = await stream.ReadAsync(lane.Answer.AsMemory(length));
            if (read == 0) return length;
            length += read;
        }
    }

    // ---- lift-to-screen probes --------------------------------------------------------------------------

    private async Task ProbeAsync(long due)
    {
        var stats = _stats[TrafficKind.Probe];
        var slot = ClaimProbeSlot();
        if (slot is null)
        {
            stats.Skip(due);
            return;
        }
        stats.Started(due);
        try
        {
            var frame = slot.ExpectProduct(Stopwatch.GetTimestamp());
            var status = await PostOneAsync(slot, lifted: true);
            if (status != 200)
            {
                slot.StopExpecting();
                stats.Failure(due, status);
            }
            else
            {
                try
                {
                    stats.Succeeded(due, await frame.WaitAsync(_options.Timeout));
                }
                catch (TimeoutException)
                {
                    slot.StopExpecting();
                    stats.Failure(due, KindStats.NoFrame);
                }
            }
        }
        catch (Exception e)
        {
            slot.StopExpecting();
            stats.Failure(due, FailureOf(e));
        }

        // Put the item back after the hold; the slot is free again when its screen has gone idle.
        try
        {
            await Task.Delay(_options.ProbeHold);
            for (var attempt = 0; attempt < 3 && await TryPostOneAsync(slot, lifted: false) != 200; attempt++)
                await Task.Delay(500);
        }
        finally
        {
            slot.PutBack();
        }
    }

    private ProbeSlot? ClaimProbeSlot()
    {
        for (var i = 0; i < _probes.Count; i++)
        {
            var slot = _probes[(int)((uint)Interlocked.Increment(ref _probeCursor) % (uint)_probes.Count)];
            if (slot.TryClaim()) return slot;
        }
        return null;
    }

    private async Task<int> TryPostOneAsync(ProbeSlot slot, bool lifted)
    {
        try
        {
            return await PostOneAsync(slot, lifted);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return 0;
        }
    }

    /// <summary>Posts one lifted or returned event of the slot's device to the probe's post node; returns the status.</summary>
    private async Task<int> PostOneAsync(ProbeSlot slot, bool lifted)
    {
        var body = new ArrayBufferWriter<byte>(512);
        await using (var writer = new Utf8JsonWriter(body)) slot.Device.WriteOne(writer, lifted, DateTimeOffset.UtcNow);
        using var request = new HttpRequestMessage(HttpMethod.Post, _http.SensorEvents(slot.PostBase));
        request.Content = new ReadOnlyMemoryContent(body.WrittenMemory);
        ShowroomClient.AddJsonContentType(request.Content);
        request.Headers.TryAddWithoutValidation("X-Device-Key", slot.Device.Key);
        using var response = await _http.Requests.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await DrainAsync(response);
        return (int)response.StatusCode;
    }

    // ---- orders -------------------------------------------------------------------------------------

    private async Task OrderAsync(long due, bool qr)
    {
        var stats = _stats[qr ? TrafficKind.QrOrder : TrafficKind.WebOrder];
        stats.Started(due);
        try
        {
            var body = new ArrayBufferWriter<byte>(256);
            await using (var writer = new Utf8JsonWriter(body)) WriteOrder(writer, qr);
            using var request = new HttpRequestMessage(HttpMethod.Post, _http.Orders(_http.NextBase()));
            request.Content = new ReadOnlyMemoryContent(body.WrittenMemory);
            ShowroomClient.AddJsonContentType(request.Content);
            // All load comes from one address: with the operator key its orders are not held to the per-address limit
            // for anonymous orders (docs/LOADGEN.md).
            _http.AddOperatorKey(request);
            request.Headers.TryAddWithoutValidation("Idempotency-Key",
                string.Create(CultureInfo.InvariantCulture, $"{_options.Prefix}-{_runId}-{Interlocked.Increment(ref _orderCounter)}"));
            using var response = await _http.Requests.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            await DrainAsync(response);
            Finish(stats, due, (int)response.StatusCode, expected: 201);
        }
        catch (Exception e)
        {
            stats.Failure(due, FailureOf(e));
        }
    }

    /// <summary>
    /// A QR order: one unit of the product on a random slot, mostly anonymous (a shopper's phone). A web order: one
    /// to three different products, one or two units each, for one of the budget units.
    /// </summary>
    private void WriteOrder(Utf8JsonWriter writer, bool qr)
    {
        var random = Random.Shared;
        var buyers = _fixture.Buyers;
        var buyerId = buyers.Count > 0 && (!qr || random.Next(4) == 0) ? buyers[random.Next(buyers.Count)] : null;
        if (qr)
        {
            var slot = _fixture.Slots[random.Next(_fixture.Slots.Count)];
            OrderBody.Write(writer, buyerId, slot.SlotId, [(slot.ProductId, 1)]);
            return;
        }
        var products = _fixture.Products;
        var first = random.Next(products.Count);
        var lines = Enumerable.Range(0, Math.Min(products.Count, 1 + random.Next(3))).Select(i => (products[(first + i) % products.Count].ProductId, 1 + random.Next(2)));
        OrderBody.Write(writer, buyerId, qrSlotId: null, lines.ToList());
    }

    // ---- quota reads --------------------------------------------------------------------------------

    private Task QuotaAsync(long due)
    {
        var buyers = _quota[_http.NextBase()];
        return GetAsync(TrafficKind.Quota, due, buyers[Random.Shared.Next(buyers.Length)]);
    }

    private Task ReportAsync(long due) => GetAsync(TrafficKind.Report, due, _report[_http.NextBase()]);

    private async Task GetAsync(TrafficKind kind, long due, Uri uri)
    {
        var stats = _stats[kind];
        stats.Started(due);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            _http.AddOperatorKey(request);
            using var response = await _http.Requests.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            await DrainAsync(response);
            Finish(stats, due, (int)response.StatusCode, expected: 200);
        }
        catch (Exception e)
        {
            stats.Failure(due, FailureOf(e));
        }
    }

    // ---- shared -------------------------------------------------------------------------------------

    private static void Finish(KindStats stats, long due, int status, int expected)
    {
        if (status == expected) stats.Succeeded(due, Stopwatch.GetTimestamp());
        else stats.Failure(due, status);
    }

    /// <summary>Reads the whole body (the connection goes back to the pool only then) without keeping it.</summary>
    private static async Task DrainAsync(HttpResponseMessage response)
    {
        await using var stream = await response.Content.ReadAsStreamAsync();
        await stream.CopyToAsync(Stream.Null);
    }

    public static string FailureOf(Exception e) => e switch
    {
        OperationCanceledException => KindStats.Timeout,
        HttpRequestException or IOException => KindStats.Transport,
        _ => e.GetType().Name,
    };

    private static long Ticks(TimeSpan time) => Schedule.Ticks(time);

    // ---- progress -----------------------------------------------------------------------------------

    private async Task ProgressAsync(ProgressDisplay display, CancellationToken cancel)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancel))
                display.Report(Math.Max(0, Stopwatch.GetTimestamp() - _start) / (double)Stopwatch.Frequency, ProgressLine());
        }
        catch (OperationCanceledException)
        {
        }
    }

    private string ProgressLine()
    {
        var now = Stopwatch.GetTimestamp();
        var phase = now < _start ? "start" : now < _measureFrom ? "warm-up" : now < _end ? "measure" : "drain";
        var line = new StringBuilder(160);
        line.Append(CultureInfo.InvariantCulture, $"{Math.Max(0, now - _start) / (double)Stopwatch.Frequency,5:0}s {phase,-7}");
        foreach (var s in _stats.Values)
        {
            var p99 = s.TakeIntervalP99();
            line.Append(CultureInfo.InvariantCulture, $" | {s.Kind.Name()} {s.Sent}/{s.Ok}/{s.Failed} p99 ");
            line.Append(p99 is { } p ? string.Create(CultureInfo.InvariantCulture, $"{p:0.#}ms") : "-");
        }
        return line.ToString();
    }
}
