using ShowroomActors.Domain.Shelves;

namespace ShowroomActors.Domain.Tests.Shelves;

/// <summary>
/// One request's accepted readings, each with what it moved, are recorded as one event: the record stays complete,
/// and replaying it gives the state that deciding the readings one by one gives, however they were split into requests.
/// </summary>
public sealed class SensorBatchTests
{
    private const int Unit = 540;

    [Fact]
    public void Twenty_lifts_and_returns_in_one_request_are_one_event_that_keeps_every_reading_and_what_it_moved()
    {
        var s = new ShelfScenario();
        s.Send(s.Reading(SensorKind.Lifted, battery: 90)); // online, and the screen shows the product
        var readings = Enumerable.Range(0, 20).Select(i => s.Reading(i % 2 == 0 ? SensorKind.Returned : SensorKind.Lifted)).ToArray();

        var decision = s.Send(readings);

        Assert.Equal(20, decision.Accepted);
        var batch = Assert.IsType<SensorBatchRecorded>(Assert.Single(decision.Events));
        Assert.Equal(readings.Select(r => RecordedReading.From(r) with
        {
            Lifted = r.Kind == SensorKind.Lifted ? 1 : 0,
            Returned = r.Kind == SensorKind.Returned ? 1 : 0,
        }), batch.Readings);
        Assert.Equal(s.Now, batch.ReceivedAt);
        Assert.Equal((10, 10, new PickupCounters(11, 10, 1)), (batch.Lifted, batch.Returned, batch.CountersAfter));
        Assert.Equal((11, 10, 1, 20L), (s.State.Lifts, s.State.Returns, s.State.Out, s.State.Device!.LastSeq!.Value));
    }

    [Fact]
    public void A_request_that_moves_nothing_records_no_counters()
    {
        var s = new ShelfScenario();
        var decision = s.Send(s.Reading(SensorKind.Heartbeat, battery: 80), s.Reading(SensorKind.Weight, 5400));
        var batch = Assert.IsType<SensorBatchRecorded>(decision.Events[0]);
        Assert.Null(batch.CountersAfter);
        Assert.All(batch.Readings, r => Assert.Equal((0, 0), (r.Lifted, r.Returned)));
    }

    [Fact]
    public void The_first_lift_of_a_request_shows_the_product_once_in_its_batch()
    {
        var s = new ShelfScenario();
        var decision = s.Send(s.Reading(SensorKind.Lifted), s.Reading(SensorKind.Lifted), s.Reading(SensorKind.Returned));
        Assert.Equal([typeof(SensorBatchRecorded), typeof(DeviceCameOnline)], decision.Events.Select(e => e.GetType()));
        Assert.Equal(1, ((SensorBatchRecorded)decision.Events[0]).Shown);
        Assert.Equal((2, 1, 1), (s.State.Lifts, s.State.Returns, s.State.Out));
        Assert.Equal(DisplayMode.Product, s.State.Display.Mode);
    }

    [Fact]
    public void A_v1_batch_followed_by_its_items_moved_replays_to_the_same_state_as_a_v2_batch()
    {
        var live = new ShelfScenario();
        var start = live.State;
        var decision = live.Send(live.Reading(SensorKind.Lifted), live.Reading(SensorKind.Lifted), live.Reading(SensorKind.Returned));
        var v2 = (SensorBatchRecorded)decision.Events[0];

        // The same request as an earlier version wrote it: the batch without moves, the facts, ItemsMoved, the display.
        var v1 = v2 with { Readings = v2.Readings.Select(r => r with { Lifted = 0, Returned = 0 }).ToList(), CountersAfter = null };
        var moved = new ItemsMoved(v2.SlotId, v2.DeviceId, 2, 1, 2, 1, 1, v2.ReceivedAt,
            [new ItemMove(0, 0, "sensor", Lifted: 1), new ItemMove(0, 1, "sensor", Lifted: 1), new ItemMove(0, 2, "sensor", Returned: 1)]);
        ISlotEvent[] written = [v1, .. decision.Events.Where(e => e is DeviceCameOnline), moved, .. decision.Events.OfType<DisplayChanged>()];
        var old = written.Aggregate(start, SlotState.Apply);

        Assert.Equal(live.State, old);
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
        one.Stop();
        all.Stop();

        Assert.Equal(one.State with { Device = one.State.Device! with { KeySalt = all.State.Device!.KeySalt, KeyHash = all.State.Device.KeyHash } }, all.State);
        Assert.Equal(2, all.Settles().Count());
        var moved = Assert.Single(all.Moves());
        Assert.Equal((1, 1), (moved.Lifted, moved.CountersAfter!.Lifts));
        var second = all.Settles().Last();
        Assert.Equal(second.Seq, Assert.Single(moved.Readings, r => r.Lifted > 0).Seq);
        Assert.Equal(one.State, one.Replayed());
        Assert.Equal(all.State, all.Replayed());
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
        var (reference, taken, duplicates) = Run(stream, seed, _ => 1);
        Assert.True(reference.Lifts > 0 && reference.Returns > 0 && reference.Device!.Reboots > 0 && reference.Device.MissedEvents > 0,
            "the stream exercises pickups, reboots and gaps");
        Assert.True(duplicates > 0);

        Func<Random, int>[] splits = [_ => 20, _ => 7, r => r.Next(1, 60), _ => stream.Count];
        foreach (var size in splits)
        {
            var (state, a, d) = Run(stream, seed, size);
            Assert.Equal(reference, state);
            Assert.Equal((taken, duplicates), (a, d));
        }
    }

    /// <summary>
    /// Sends <paramref name="stream"/> in requests of the given sizes, at one server instant (the clock rules are
    /// lenient), then stops the slot. Returns the state — checked to be the state the journal replays to — and the
    /// readings taken in (recorded or folded) and dropped as duplicates.
    /// </summary>
    private static (SlotState State, int Taken, int Duplicates) Run(IReadOnlyList<SensorReading> stream, int seed, Func<Random, int> size)
    {
        var rules = SlotRules.Default with { ClockSkewTolerance = TimeSpan.FromDays(1), DeviceOfflineAfter = TimeSpan.FromDays(1) };
        var s = new ShelfScenario(rules);
        var random = new Random(seed);
        int taken = 0, duplicates = 0;
        for (var i = 0; i < stream.Count;)
        {
            var n = Math.Min(size(random), stream.Count - i);
            var decision = s.Send([.. stream.Skip(i).Take(n)]);
            taken += decision.Accepted + decision.Folded;
            duplicates += decision.Duplicates;
            i += n;
        }
        s.Stop();
        Assert.Equal(s.State, s.Replayed());
        // Each scenario binds with its own random salt: leave the key out of the comparison.
        return (s.State with { Device = s.State.Device! with { KeySalt = "", KeyHash = "" } }, taken, duplicates);
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
