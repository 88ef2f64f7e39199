using ShowroomActors.Domain.Shelves;

namespace ShowroomActors.Domain.Tests.Shelves;

public sealed class SequenceTests
{
    [Theory]
    [InlineData(null, null, 0, 7, SequenceVerdict.First)]
    [InlineData(0L, 4L, 0, 5, SequenceVerdict.Next)]
    [InlineData(0L, 4L, 0, 9, SequenceVerdict.Gap)]
    [InlineData(0L, 4L, 0, 4, SequenceVerdict.Duplicate)]
    [InlineData(0L, 4L, 0, 2, SequenceVerdict.Duplicate)]
    [InlineData(3L, 4L, 2, 90, SequenceVerdict.Stale)]
    [InlineData(3L, 400L, 4, 0, SequenceVerdict.Reboot)]
    public void Classifies_boot_and_seq(long? lastBoot, long? lastSeq, long boot, long seq, SequenceVerdict expected) =>
        Assert.Equal(expected, SequenceRules.Classify(lastBoot, lastSeq, boot, seq));

    [Fact]
    public void Duplicates_make_no_event_and_are_counted()
    {
        var s = new ShelfScenario();
        s.Send(s.Reading(SensorKind.Heartbeat, seq: 0), s.Reading(SensorKind.Heartbeat, seq: 1));
        var before = s.History.Count;
        var again = s.Send(s.Reading(SensorKind.Heartbeat, seq: 1), s.Reading(SensorKind.Lifted, seq: 0), s.Reading(SensorKind.Heartbeat, seq: 1));
        Assert.Equal((0, 3), (again.Accepted, again.Duplicates));
        Assert.Equal(before, s.History.Count);
        Assert.Equal(0, s.State.Lifts);
    }

    [Fact]
    public void A_gap_is_recorded_with_what_is_missing_and_the_event_is_still_taken()
    {
        var s = new ShelfScenario();
        s.Send(s.Reading(SensorKind.Heartbeat, seq: 0));
        var d = s.Send(s.Reading(SensorKind.Lifted, seq: 5));
        Assert.Equal(1, d.Accepted);
        var gap = Assert.Single(s.Events<SequenceGapDetected>());
        Assert.Equal((1L, 5L, 4L), (gap.ExpectedSeq, gap.ReceivedSeq, gap.Missing));
        Assert.Equal(4, s.State.Device!.MissedEvents);
        Assert.Equal(1, s.State.Lifts);
    }

    [Fact]
    public void Events_of_one_batch_are_taken_in_seq_order_whatever_order_they_came_in()
    {
        var s = new ShelfScenario();
        var d = s.Send(s.Reading(SensorKind.Returned, seq: 2), s.Reading(SensorKind.Heartbeat, seq: 0), s.Reading(SensorKind.Lifted, seq: 1));
        Assert.Equal(3, d.Accepted);
        Assert.Empty(s.Events<SequenceGapDetected>());
        Assert.Equal([0L, 1L, 2L], Assert.Single(s.Events<SensorBatchRecorded>()).Readings.Select(r => r.Seq));
        Assert.Equal((1, 1, 0), (s.State.Lifts, s.State.Returns, s.State.Out));
    }

    [Fact]
    public void A_reboot_restarts_the_numbering_and_stale_events_of_the_old_boot_are_dropped()
    {
        var s = new ShelfScenario { Boot = 7 };
        s.Send(s.Reading(SensorKind.Heartbeat, seq: 0), s.Reading(SensorKind.Heartbeat, seq: 1), s.Reading(SensorKind.Heartbeat, seq: 2));
        s.Boot = 8;
        var d = s.Send(s.Reading(SensorKind.Lifted, seq: 0));
        Assert.Equal(1, d.Accepted);
        var reboot = Assert.Single(s.Events<DeviceRebooted>());
        Assert.Equal((7L, 8L, 2L), (reboot.PreviousBoot, reboot.Boot, reboot.LastSeqBefore));
        Assert.Empty(s.Events<SequenceGapDetected>());
        Assert.Equal((8L, 0L), (s.State.Device!.Boot!.Value, s.State.Device.LastSeq!.Value));

        s.Boot = 7;
        var late = s.Send(s.Reading(SensorKind.Returned, seq: 3));
        Assert.Equal((0, 1), (late.Accepted, late.Duplicates));
        Assert.Equal(0, s.State.Returns);
    }

    [Fact]
    public void A_reboot_whose_first_event_is_not_seq_0_also_records_the_gap()
    {
        var s = new ShelfScenario();
        s.Send(s.Reading(SensorKind.Heartbeat, seq: 0));
        s.Boot = 1;
        s.Send(s.Reading(SensorKind.Heartbeat, seq: 3));
        var gap = Assert.Single(s.Events<SequenceGapDetected>());
        Assert.Equal((1L, 0L, 3L), (gap.Boot, gap.ExpectedSeq, gap.ReceivedSeq));
    }

    [Fact]
    public void A_device_clock_far_from_server_time_is_noted_once_and_its_return_too()
    {
        var s = new ShelfScenario();
        s.Send(s.Reading(SensorKind.Heartbeat, at: s.Now.AddMinutes(-5)));
        s.Send(s.Reading(SensorKind.Heartbeat, at: s.Now.AddMinutes(-5)));
        var noted = Assert.Single(s.Events<ClockSkewNoted>());
        Assert.True(noted.Skewed);
        Assert.Equal(-300_000, noted.SkewMilliseconds);
        s.Send(s.Reading(SensorKind.Heartbeat));
        Assert.False(s.Events<ClockSkewNoted>().Last().Skewed);
        Assert.False(s.State.Device!.ClockSkewed);
    }

    [Fact]
    public void Only_the_newest_event_of_a_batch_judges_the_clock_so_a_replayed_buffer_is_not_skew()
    {
        var s = new ShelfScenario();
        s.Send(s.Reading(SensorKind.Heartbeat, at: s.Now.AddMinutes(-20)), s.Reading(SensorKind.Heartbeat, at: s.Now.AddMinutes(-10)), s.Reading(SensorKind.Heartbeat));
        Assert.Empty(s.Events<ClockSkewNoted>());
    }
}
