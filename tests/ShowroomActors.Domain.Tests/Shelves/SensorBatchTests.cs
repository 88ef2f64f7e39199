using ShowroomActors.Domain.Shelves;

namespace ShowroomActors.Domain.Tests.Shelves;

/// <summary>
/// One request's accepted readings are recorded as one event and its pickups as one more: the record stays complete,
/// and replaying it gives the state that deciding the readings one by one gives, however they were split into requests.
/// </summary>
public sealed class SensorBatchTests
{
    private const int Unit = 540;

    [Fact]
    public void Twenty_lifts_and_returns_in_one_request_are_two_events_that_keep_every_reading_and_each_move()
    {
        var s = new ShelfScenario();
        s.Send(s.Reading(SensorKind.Lifted, battery: 90)); // online, and the screen shows the product
        var readings = Enumerable.Range(0, 20).Select(i => s.Reading(i % 2 == 0 ? SensorKind.Returned : SensorKind.Lifted)).ToArray();

        var decision = s.Send(readings);

        Assert.Equal(20, decision.Accepted);
        Assert.Collection(decision.Events, e => Assert.IsType<SensorBatchRecorded>(e), e => Assert.IsType<ItemsMoved>(e));
        var batch = (SensorBatchRecorded)decision.Events[0];
        Assert.Equal(readings.Select(RecordedReading.From), batch.Readings);
        Assert.Equal(s.Now, batch.ReceivedAt);
        var moved = (ItemsMoved)decision.Events[1];
        Assert.Equal((10, 10, 11, 10, 1), (moved.Lifted, moved.Returned, moved.LiftsAfter, moved.ReturnsAfter, moved.OutAfter));
        Assert.Equal(readings.Select(r => new ItemMove(0, r.Seq, "sensor", r.Kind == SensorKind.Lifted ? 1 : 0, r.Kind == SensorKind.Returned ? 1 : 0)), moved.Moves);
        Assert.Equal((11, 10, 1, 20L), (s.State.Lifts, s.State.Returns, s.State.Out, s.State.Device!.LastSeq!.Value));
    }

    [Fact]
    public void The_first_lift_of_a_request_shows_the_product_once_after_the_moves()
    {
        var s = new ShelfScenario();
        var decision = s.Send(s.Reading(SensorKind.Lifted), s.Reading(SensorKind.Lifted), s.Reading(SensorKind.Returned));
        Assert.Equal([typeof(SensorBatchRecorded), typeof(DeviceCameOnline), typeof(ItemsMoved), typeof(DisplayChanged)],
            decision.Events.Select(e => e.GetType()));
        Assert.Equal((2, 1, 1), (s.State.Lifts, s.State.Returns, s.State.Out));
        Assert.Equal(DisplayMode.Product, s.State.Display.Mode);
    }

    [Fact]
    public void A_load_cell_buffer_replayed_in_one_request_settles_and_lifts_as_it_would_reading_by_reading()
    {
        var one = new ShelfScenario();
        var all = new ShelfScenario();
        var grams = new List<long>();
        for (var i = 0; i < 8; i++) grams.Add(10 * Unit + i % 3);
        grams.AddRange([5100, 4950]);
        for (var i = 0; i < 8; i++) grams.Add(9 * Unit - i % 3);
        var readings = grams.Select((g, i) => new SensorReading("lc-a01", 0, i, all.Now.AddMilliseconds(250 * i), SensorKind.Weight, g, null)).ToList();

        foreach (var r in readings) one.Send(r);
        all.Send([.. readings]);

        Assert.Equal(one.State with { Device = one.State.Device! with { KeySalt = all.State.Device!.KeySalt, KeyHash = all.State.Device.KeyHash } }, all.State);
        Assert.Equal(2, all.Events<WeightSettled>().Count());
        var moved = Assert.Single(all.Events<ItemsMoved>());
        Assert.Equal((1, 1), (moved.Lifted, moved.LiftsAfter));
        var second = all.Events<WeightSettled>().Last();
        Assert.Equal(second.ToSeq, Assert.Single(moved.Moves).Seq);
        Assert.True(all.State.Scale.Window!.Settled);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Replaying_the_recorded_events_gives_the_same_state_however_the_readings_were_split_into_requests(int seed)
    {
        var stream = Stream(seed, 600);
        var (reference, accepted, duplicates) = Run(stream, seed, _ => 1);
        Assert.True(reference.Lifts > 0 && reference.Returns > 0 && reference.Device!.Reboots > 0 && reference.Device.MissedEvents > 0,
            "the stream exercises pickups, reboots and gaps");
        Assert.True(duplicates > 0);

        Func<Random, int>[] splits = [_ => 20, _ => 7, r => r.Next(1, 60), _ => stream.Count];
        foreach (var size in splits)
        {
            var (state, a, d) = Run(stream, seed, size);
            Assert.Equal(reference, state);
            Assert.Equal((accepted, duplicates), (a, d));
        }
    }

    /// <summary>Sends <paramref name="stream"/> in requests of the given sizes, at one server instant (the clock rules are lenient).</summary>
    private static (SlotState State, int Accepted, int Duplicates) Run(IReadOnlyList<SensorReading> stream, int seed, Func<Random, int> size)
    {
        var rules = SlotRules.Default with { ClockSkewTolerance = TimeSpan.FromDays(1), DeviceOfflineAfter = TimeSpan.FromDays(1) };
        var s = new ShelfScenario(rules);
        var random = new Random(seed);
        int accepted = 0, duplicates = 0;
        for (var i = 0; i < stream.Count;)
        {
            var n = Math.Min(size(random), stream.Count - i);
            var decision = s.Send([.. stream.Skip(i).Take(n)]);
            accepted += decision.Accepted;
            duplicates += decision.Duplicates;
            i += n;
        }
        // Each scenario binds with its own random salt: leave the key out of the comparison.
        return (s.State with { Device = s.State.Device! with { KeySalt = "", KeyHash = "" } }, accepted, duplicates);
    }

    /// <summary>
    /// A device's life in (boot, seq) order: load-cell readings with noise and pickups, sensor pickups, heartbeats,
    /// battery readings, gaps, reboots, and redeliveries of readings already sent.
    /// </summary>
    private static List<SensorReading> Stream(int seed, int count)
    {
        var random = new Random(seed);
        var at = new DateTimeOffset(2020, 9, 8, 10, 0, 0, TimeSpan.FromHours(8));
        var stream = new List<SensorReading>();
        long boot = 0, seq = 0, level = 10 * Unit;
        while (stream.Count < count)
        {
            var roll = random.Next(100);
            if (roll < 2 && stream.Count > 0)
            {
                stream.Add(stream[random.Next(stream.Count)]);
                continue;
            }
            if (roll < 3) (boot, seq) = (boot + 1, random.Next(0, 2));
            else if (roll < 5) seq += random.Next(1, 4);
            if (random.Next(100) < 6) level = Math.Max(0, level + Unit * random.Next(-2, 3));

            var kind = random.Next(100) switch
            {
                < 8 => SensorKind.Lifted,
                < 14 => SensorKind.Returned,
                < 20 => SensorKind.Heartbeat,
                _ => SensorKind.Weight,
            };
            long? grams = kind == SensorKind.Weight ? level + random.Next(-3, 4) : null;
            int? battery = random.Next(100) < 10 ? random.Next(10, 100) : null;
            stream.Add(new SensorReading("lc-a01", boot, seq++, at, kind, grams, battery));
            at += TimeSpan.FromMilliseconds(250);
        }
        return stream;
    }
}
