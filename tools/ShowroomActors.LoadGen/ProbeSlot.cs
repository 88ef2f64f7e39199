using System.Text.Json;
using ShowroomActors.Client;

namespace ShowroomActors.LoadGen;

/// <summary>
/// A probe slot: its RFID device and its screen, an SSE subscription to the slot's display stream kept open for the
/// whole run. A probe takes an idle slot, lifts its item and waits for the frame that shows the product; it puts the
/// item back after the hold, and the slot is free again once the screen has gone idle (after the host's linger).
/// </summary>
public sealed class ProbeSlot(SensorDevice device, int streamBase, int postBase)
{
    private readonly object _gate = new();
    private bool _connected;
    private bool _showsProduct;
    private bool _busy;
    private bool _putBack;
    private TaskCompletionSource<long>? _waiting;
    private long _notBefore;

    public SensorDevice Device => device;
    /// <summary>The base address the screen stream connects to.</summary>
    public int StreamBase => streamBase;
    /// <summary>The base address the lifts are posted to: another node than the screen's when there are several.</summary>
    public int PostBase => postBase;
    public long FramesSeen { get; private set; }
    public long Reconnects { get; private set; }

    /// <summary>Claims the slot for a probe if its screen is connected and idle and no probe holds it.</summary>
    public bool TryClaim()
    {
        lock (_gate)
        {
            if (!_connected || _showsProduct || _busy) return false;
            _busy = true;
            _putBack = false;
            return true;
        }
    }

    /// <summary>
    /// Before the lift is sent: the task completes with the arrival time (Stopwatch ticks) of the first product frame
    /// read at or after <paramref name="notBefore"/>.
    /// </summary>
    public Task<long> ExpectProduct(long notBefore)
    {
        var waiting = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiting = waiting;
            _notBefore = notBefore;
        }
        return waiting.Task;
    }

    public void StopExpecting()
    {
        lock (_gate) _waiting = null;
    }

    /// <summary>After the put-back was sent: the slot is free once the screen shows idle (at once if it already does).</summary>
    public void PutBack()
    {
        lock (_gate)
        {
            _putBack = true;
            if (!_showsProduct) _busy = false;
        }
    }

    /// <summary>Reads the slot's display stream until cancelled, reconnecting after a second if it breaks.</summary>
    public async Task WatchAsync(ShowroomClient client, CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested)
        {
            try
            {
                await foreach (var frame in client.DisplayStreamAsync(device.SlotId, streamBase, cancel))
                    OnFrame(frame.Data, frame.ArrivedTicks);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or JsonException)
            {
                // The stream broke: reconnect; its first frame tells the current state again.
            }
            lock (_gate) _connected = false;
            Reconnects++;
            try
            {
                await Task.Delay(1000, cancel);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>A <c>display</c> frame arrived: <c>{slotId, mode, version, product, orderUrl}</c>.</summary>
    public void OnFrame(string data, long arrived)
    {
        using var doc = JsonDocument.Parse(data);
        var product = doc.RootElement.TryGetProperty("mode", out var mode) && mode.ValueEquals("product");
        lock (_gate)
        {
            FramesSeen++;
            _connected = true;
            _showsProduct = product;
            if (product && _waiting is not null && arrived >= _notBefore)
            {
                _waiting.TrySetResult(arrived);
                _waiting = null;
            }
            else if (_putBack) _busy = false;
        }
    }
}
