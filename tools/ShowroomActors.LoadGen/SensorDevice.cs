using System.Text.Json;
using ShowroomActors.Client;

namespace ShowroomActors.LoadGen;

public enum SensorType
{
    /// <summary>Sends filtered net weight readings; the host finds pickups when the weight settles.</summary>
    LoadCell,
    /// <summary>An RFID pad: reports <c>lifted</c> and <c>returned</c> itself.</summary>
    Rfid,
}

/// <summary>
/// One simulated shelf sensor, bound to one slot with its own key. It numbers its events (boot, seq) without gaps
/// and in order, so the host records every event it sends exactly once; the caller keeps at most one request of a
/// device in flight so batches reach the host in the order they were numbered.
/// <para>
/// A load cell's weight follows the items on the shelf in device time: noise of ±2 g around a stable weight (inside
/// the smallest no-motion band of 5 g), now and then a shopper lifts one item and puts it back a few seconds later
/// (or keeps it), and staff restock when few are left. Readings of one batch are spread over the time since the
/// device's previous batch (at most 250 ms apart, the load cells' cadence), never later than now, so device time
/// stays close to server time whatever the request rate.
/// </para>
/// Not thread-safe: one request of a device at a time.
/// </summary>
public sealed class SensorDevice
{
    public static readonly TimeSpan ReadingSpacing = TimeSpan.FromMilliseconds(250);
    public const int Capacity = 20;
    public const int NoiseGrams = 2;
    public const int Battery = 86;

    private readonly JsonEncodedText _deviceId;
    private readonly JsonEncodedText _slotId;
    private readonly Random _random;
    private readonly int _unitGrams;
    private DateTimeOffset? _lastAt;
    private int _onShelf;
    private int _heldOut;
    private DateTimeOffset _returnAt;
    private DateTimeOffset? _nextLiftAt;
    private bool _rfidOut;

    public SensorDevice(string slotId, string deviceId, string key, SensorType type, int unitGrams, long boot, long nextSeq,
        int? onShelf, bool itemOut, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(boot);
        ArgumentOutOfRangeException.ThrowIfNegative(nextSeq);
        ArgumentOutOfRangeException.ThrowIfLessThan(unitGrams, 1);
        SlotId = slotId;
        DeviceId = deviceId;
        Key = key;
        Type = type;
        Boot = boot;
        NextSeq = nextSeq;
        _deviceId = JsonEncodedText.Encode(deviceId);
        _slotId = JsonEncodedText.Encode(slotId);
        _unitGrams = unitGrams;
        _random = random;
        _onShelf = onShelf is >= 3 and <= 100 ? onShelf.Value : Capacity;
        _rfidOut = itemOut;
    }

    public string SlotId { get; }
    public string DeviceId { get; }
    public string Key { get; }
    public SensorType Type { get; }
    public long Boot { get; }
    /// <summary>The seq of the next event; every event written takes one.</summary>
    public long NextSeq { get; private set; }
    public int ItemsOnShelf => _onShelf;
    public long LiftsSimulated { get; private set; }
    public long ReturnsSimulated { get; private set; }

    /// <summary>Writes <c>{"events":[…]}</c> with <paramref name="count"/> events of this device's type ending at <paramref name="now"/>.</summary>
    public void WriteBatch(Utf8JsonWriter writer, int count, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var start = now - ReadingSpacing * count;
        if (_lastAt is { } last && last > start) start = last < now ? last : now;
        var span = now - start;
        writer.WriteStartObject();
        writer.WriteStartArray("events"u8);
        for (var i = 1; i <= count; i++)
        {
            var at = start + span * i / count;
            if (Type == SensorType.LoadCell) WriteWeight(writer, at);
            else WriteRfid(writer, at, lifted: !_rfidOut);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        _lastAt = now;
    }

    /// <summary>Writes a request with one <c>lifted</c> (or <c>returned</c>) event at <paramref name="now"/>: a probe's step.</summary>
    public void WriteOne(Utf8JsonWriter writer, bool lifted, DateTimeOffset now)
    {
        if (_lastAt is { } last && now < last) now = last;
        writer.WriteStartObject();
        writer.WriteStartArray("events"u8);
        WriteRfid(writer, now, lifted);
        writer.WriteEndArray();
        writer.WriteEndObject();
        _lastAt = now;
    }

    private void WriteRfid(Utf8JsonWriter writer, DateTimeOffset at, bool lifted)
    {
        if (lifted) LiftsSimulated++;
        else ReturnsSimulated++;
        _rfidOut = lifted;
        WriteHead(writer, at, lifted ? "lifted"u8 : "returned"u8);
        writer.WriteEndObject();
    }

    private void WriteWeight(Utf8JsonWriter writer, DateTimeOffset at)
    {
        Step(at);
        WriteHead(writer, at, "weight"u8);
        writer.WriteNumber("weightGrams"u8, (long)_onShelf * _unitGrams + _random.Next(-NoiseGrams, NoiseGrams + 1));
        writer.WriteEndObject();
    }

    private void WriteHead(Utf8JsonWriter writer, DateTimeOffset at, ReadOnlySpan<byte> type)
    {
        var seq = NextSeq++;
        DeviceEventJson.WriteStart(writer, _deviceId, _slotId, Boot, seq, at, type);
        // A battery report now and then, as devices piggyback it; it stays well above the low mark.
        if (seq % 200 == 0) writer.WriteNumber("battery"u8, Battery);
    }

    /// <summary>What shoppers and staff did to the shelf up to device time <paramref name="at"/>.</summary>
    private void Step(DateTimeOffset at)
    {
        _nextLiftAt ??= at + Seconds(3, 20);
        if (_heldOut > 0)
        {
            if (at < _returnAt) return;
            // Most lifted items come back; some are bought and leave the shelf.
            if (_random.NextDouble() < 0.85)
            {
                _onShelf += _heldOut;
                ReturnsSimulated += _heldOut;
            }
            _heldOut = 0;
            _nextLiftAt = at + Seconds(5, 30);
        }
        else if (at >= _nextLiftAt)
        {
            if (_onShelf <= 2)
            {
                _onShelf = Capacity;
                _nextLiftAt = at + Seconds(5, 30);
                return;
            }
            _onShelf--;
            _heldOut = 1;
            LiftsSimulated++;
            _returnAt = at + Seconds(2, 6);
        }
    }

    private TimeSpan Seconds(int min, int max) => TimeSpan.FromMilliseconds(_random.Next(min * 1000, max * 1000));
}
