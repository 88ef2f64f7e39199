using System.Buffers;
using System.Text.Json;
using ShowroomActors.LoadGen;

namespace ShowroomActors.LoadGen.Tests;

public sealed class SensorDeviceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

    private static SensorDevice Device(SensorType type, long boot = 3, long nextSeq = 41, int unit = 500, bool itemOut = false) =>
        new("lg-s0001", "lg-dev0001", "key", type, unit, boot, nextSeq, onShelf: null, itemOut, new Random(7));

    private static JsonElement[] Batch(SensorDevice device, int count, DateTimeOffset now)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) device.WriteBatch(writer, count, now);
        return JsonDocument.Parse(buffer.WrittenMemory).RootElement.GetProperty("events").EnumerateArray().ToArray();
    }

    [Fact]
    public void Batches_go_on_numbering_without_gaps_in_the_same_boot()
    {
        var device = Device(SensorType.Rfid);
        var events = Batch(device, 20, T0).Concat(Batch(device, 20, T0.AddSeconds(1))).ToArray();
        Assert.Equal(Enumerable.Range(41, 40).Select(i => (long)i), events.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.All(events, e => Assert.Equal(3, e.GetProperty("boot").GetInt64()));
        Assert.All(events, e => Assert.Equal("lg-dev0001", e.GetProperty("deviceId").GetString()));
        Assert.All(events, e => Assert.Equal("lg-s0001", e.GetProperty("slotId").GetString()));
        Assert.Equal(81, device.NextSeq);
    }

    [Fact]
    public void Device_times_grow_and_never_pass_now_even_when_batches_come_faster_than_readings()
    {
        var device = Device(SensorType.LoadCell);
        var times = new List<DateTimeOffset>();
        for (var i = 0; i < 10; i++) times.AddRange(Batch(device, 20, T0.AddMilliseconds(100 * i)).Select(e => e.GetProperty("at").GetDateTimeOffset()));
        Assert.Equal(times.Order(), times);
        Assert.True(times[^1] <= T0.AddMilliseconds(900));
        // The first batch reaches back at most 250 ms a reading.
        Assert.True(times[0] >= T0 - SensorDevice.ReadingSpacing * 20);
    }

    [Fact]
    public void An_rfid_pad_alternates_lifted_and_returned_starting_with_a_put_back_if_an_item_was_out()
    {
        Assert.Equal(["lifted", "returned", "lifted", "returned"], Batch(Device(SensorType.Rfid), 4, T0).Select(e => e.GetProperty("type").GetString()));
        Assert.Equal(["returned", "lifted"], Batch(Device(SensorType.Rfid, itemOut: true), 2, T0).Select(e => e.GetProperty("type").GetString()));
    }

    [Fact]
    public void A_load_cell_sends_noise_around_whole_units_and_its_lifts_and_put_backs_move_it_by_one_unit()
    {
        const int unit = 500;
        var device = Device(SensorType.LoadCell, unit: unit);
        // Ten minutes of readings every 250 ms, posted 20 at a time.
        var readings = Enumerable.Range(1, 120).SelectMany(i => Batch(device, 20, T0.AddSeconds(5 * i))).ToArray();
        Assert.All(readings, r => Assert.Equal("weight", r.GetProperty("type").GetString()));
        var grams = readings.Select(r => r.GetProperty("weightGrams").GetInt64()).ToArray();
        var levels = grams.Select(g => (long)Math.Round(g / (double)unit)).ToArray();
        Assert.All(grams.Zip(levels), p => Assert.InRange(p.Item1 - p.Item2 * unit, -SensorDevice.NoiseGrams, SensorDevice.NoiseGrams));
        Assert.InRange(device.LiftsSimulated, 10, 100);
        Assert.InRange(device.ReturnsSimulated, 1, device.LiftsSimulated);
        // Between restocks the level moves one unit at a time; a lift is held long enough (2 s or more) to settle.
        var changes = levels.Zip(levels.Skip(1), (a, b) => b - a).Where(d => d != 0).ToArray();
        Assert.All(changes, d => Assert.True(d is 1 or -1 || d > 1, $"a jump of {d} units"));
        Assert.Equal(levels[^1], device.ItemsOnShelf);
    }

    [Fact]
    public void A_battery_level_rides_along_every_200th_event()
    {
        var events = Batch(Device(SensorType.Rfid, nextSeq: 199), 3, T0);
        Assert.Equal([false, true, false], events.Select(e => e.TryGetProperty("battery", out _)));
        Assert.Equal(SensorDevice.Battery, events[1].GetProperty("battery").GetInt32());
    }

    [Fact]
    public void A_probe_step_is_one_event_never_before_the_previous_one()
    {
        var device = Device(SensorType.Rfid, nextSeq: 0);
        Batch(device, 2, T0);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) device.WriteOne(writer, lifted: true, T0.AddSeconds(-1));
        var single = JsonDocument.Parse(buffer.WrittenMemory).RootElement.GetProperty("events").EnumerateArray().Single();
        Assert.Equal(2, single.GetProperty("seq").GetInt64());
        Assert.Equal("lifted", single.GetProperty("type").GetString());
        Assert.Equal(T0, single.GetProperty("at").GetDateTimeOffset());
    }
}
