using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ShowroomActors.Domain.Shelves;

namespace ShowroomActors.Domain.Tests.Shelves;

/// <summary>
/// Readings that record no fact are folded into the slot's steady run, which the journal gets as a summary: when the
/// slot records anything else, at least every steady-summary-every, when it stops. Every fact is still recorded, and
/// replaying the journal gives the state the slot had.
/// </summary>
public sealed class SteadyRunTests
{
    private const int Unit = 540;

    /// <summary>A slot whose load cell settled at ten units, then confirmed it for a while.</summary>
    private static ShelfScenario Settled()
    {
        var s = new ShelfScenario();
        s.Hold(10 * Unit, TimeSpan.FromSeconds(1.5));
        Assert.Single(s.Settles());
        return s;
    }

    [Fact]
    public void A_reading_that_confirms_the_settled_weight_is_folded_not_recorded()
    {
        var s = Settled();
        var before = s.History.Count;

        var decision = s.Send(s.Reading(SensorKind.Weight, 10 * Unit + 2));

        Assert.Equal((0, 1, 0), (decision.Accepted, decision.Folded, decision.Duplicates));
        Assert.Empty(decision.Events);
        Assert.Equal(before, s.History.Count);
        Assert.Equal(s.State.Device!.LastSeq, s.State.Steady!.LastSeq);
    }

    [Fact]
    public void The_summary_names_the_folded_readings_and_their_digest_can_be_recomputed_from_the_readings_as_sent()
    {
        var s = Settled();
        var folded = new List<SensorReading>();
        for (var i = 0; i < 40; i++)
        {
            var r = s.Reading(SensorKind.Weight, 10 * Unit + i % 5 - 2, battery: i == 20 ? 93 : null);
            var decision = s.Send(r);
            Assert.Equal(i == 20 ? (1, 0) : (0, 1), (decision.Accepted, decision.Folded));
            folded.Add(r);
            s.Advance(TimeSpan.FromMilliseconds(250));
        }
        // The first battery the device ever reports is recorded: it is not folded.
        Assert.Equal(93, Assert.Single(s.Events<SensorBatchRecorded>(), b => b.Readings.Any(r => r.Battery == 93)).Readings[0].Battery);
        folded.RemoveRange(0, 21);

        s.Stop();
        var summary = Assert.IsType<SteadyRunSummarized>(s.History[^1]);
        var run = summary.Run;
        Assert.Equal("stop", summary.Reason);
        Assert.Equal((folded[0].Seq, folded[^1].Seq, 19), (run.FirstSeq, run.LastSeq, run.Count));
        Assert.Equal((folded.Min(r => r.WeightGrams), folded.Max(r => r.WeightGrams), folded.Sum(r => r.WeightGrams)), (run.MinGrams, run.MaxGrams, run.SumGrams));
        Assert.Equal((folded[0].At, folded[^1].At), (run.From, run.To));
        Assert.Equal(IndependentDigest(folded), run.Digest);
        Assert.Null(run.Window); // the readings only continued the settled run
        Assert.Equal(s.State, s.Replayed());
    }

    [Fact]
    public void The_steady_run_is_summarised_at_least_every_summary_interval_while_readings_keep_coming()
    {
        var s = Settled();
        s.Hold(10 * Unit, TimeSpan.FromSeconds(150));

        var summaries = s.Events<SteadyRunSummarized>().ToList();
        Assert.Equal(2, summaries.Count);
        Assert.All(summaries, x => Assert.Equal("every", x.Reason));
        Assert.Equal(summaries[0].Run.LastSeq + 1, summaries[1].Run.FirstSeq); // continuous coverage
        Assert.All(summaries, x => Assert.InRange(x.Run.To - x.Run.From, TimeSpan.FromSeconds(59), TimeSpan.FromSeconds(60)));
        // Recorded: the device's first reading (it came online) and the one the weight first settled with; the three
        // between them only built the run that settled, and were folded like everything after.
        Assert.Equal(2, s.Events<SensorBatchRecorded>().Count());
    }

    [Fact]
    public void A_timer_tick_summarises_a_run_that_is_due_and_marks_a_silent_device_offline_after_summarising_it()
    {
        var s = Settled();
        s.Hold(10 * Unit, TimeSpan.FromSeconds(5));
        s.Advance(TimeSpan.FromSeconds(56));
        s.Tick();
        Assert.Equal("every", Assert.Single(s.Events<SteadyRunSummarized>()).Reason);

        s.Hold(10 * Unit, TimeSpan.FromSeconds(2));
        s.Advance(TimeSpan.FromSeconds(61));
        s.Tick();
        Assert.Equal([typeof(SteadyRunSummarized), typeof(DeviceWentOffline)], s.History.TakeLast(2).Select(e => e.GetType()));
        Assert.Equal("offline", s.Events<SteadyRunSummarized>().Last().Reason);
        Assert.Equal(s.State, s.Replayed());
    }

    [Fact]
    public void A_lift_is_recorded_with_the_run_it_ends_and_replays_to_the_same_state()
    {
        var s = Settled();
        s.Hold(10 * Unit, TimeSpan.FromSeconds(10));
        s.Weigh(5100, 4950); // motion: folded, the run goes on
        s.Hold(9 * Unit, TimeSpan.FromSeconds(1.25));

        var lift = Assert.Single(s.Moves());
        Assert.Equal(1, lift.Lifted);
        var ended = lift.Before!;
        Assert.Equal(lift.Readings[0].Seq - 1, ended.LastSeq);
        Assert.True(ended.MinGrams <= 4950 && ended.MaxGrams >= 5100, "the motion is in the folded readings' range");
        Assert.NotNull(ended.Window); // a new run began among the folded readings: it is written out
        Assert.Equal(DisplayMode.Product, s.State.Display.Mode);
        Assert.Equal(s.State, s.Replayed());
    }

    [Fact]
    public void Gaps_reboots_and_sensor_pickups_are_never_folded()
    {
        var s = Settled();
        var seq = s.State.Device!.LastSeq!.Value;
        var gap = s.Send(s.Reading(SensorKind.Weight, 10 * Unit, seq: seq + 3));
        Assert.Equal((1, 0), (gap.Accepted, gap.Folded));
        Assert.Single(s.Events<SequenceGapDetected>());

        s.Boot = 1;
        var reboot = s.Send(s.Reading(SensorKind.Weight, 10 * Unit, seq: 0));
        Assert.Equal((1, 0), (reboot.Accepted, reboot.Folded));

        var lifted = s.Send(s.Reading(SensorKind.Lifted, seq: 1));
        Assert.Equal((1, 0), (lifted.Accepted, lifted.Folded));
        Assert.Equal(s.State, s.Replayed());
    }

    [Fact]
    public void A_battery_change_beyond_the_threshold_is_recorded_a_smaller_one_is_folded_and_summarised()
    {
        var s = Settled();
        Assert.Equal(1, s.Send(s.Reading(SensorKind.Heartbeat, battery: 90)).Accepted); // first battery: recorded
        Assert.Equal(1, s.Send(s.Reading(SensorKind.Heartbeat, battery: 87)).Folded);
        Assert.Equal(87, s.State.Device!.Battery);
        Assert.Equal(1, s.Send(s.Reading(SensorKind.Heartbeat, battery: 85)).Accepted); // 5 points from the 90 recorded
        s.Send(s.Reading(SensorKind.Heartbeat, battery: 84));
        s.Stop();
        Assert.Equal(84, s.Events<SteadyRunSummarized>().Last().Run.Battery);
        Assert.Equal(s.State, s.Replayed());
    }

    [Fact]
    public void After_a_restart_summarised_readings_are_duplicates_and_an_unsummarised_tail_shows_as_a_gap()
    {
        var s = Settled();
        s.Hold(10 * Unit, TimeSpan.FromSeconds(61)); // one periodic summary, then a few more folded readings
        var summarised = s.Events<SteadyRunSummarized>().Single().Run;
        var tail = s.State.Steady!;

        // The process dies: the slot recovers from the journal alone.
        var recovered = s.Replayed();
        Assert.Null(recovered.Steady);
        Assert.Equal(summarised.LastSeq, recovered.Device!.LastSeq);

        var again = SlotState.Ingest(recovered, new IngestSensorEvents("A-01", new(ShelfScenario.Key),
            [new SensorReading("lc-a01", 0, summarised.LastSeq, s.Now, SensorKind.Weight, 10 * Unit, null)]), s.Now, s.Rules);
        Assert.Equal(1, again.Duplicates);

        var next = SlotState.Ingest(recovered, new IngestSensorEvents("A-01", new(ShelfScenario.Key),
            [new SensorReading("lc-a01", 0, tail.LastSeq + 1, s.Now, SensorKind.Weight, 10 * Unit, null)]), s.Now, s.Rules);
        var gap = Assert.Single(next.Events.OfType<SequenceGapDetected>());
        Assert.Equal(tail.Count, gap.Missing);
    }

    [Fact]
    public void Binding_the_slot_anew_summarises_the_run_first()
    {
        var s = Settled();
        s.Hold(10 * Unit, TimeSpan.FromSeconds(3));
        var bind = SlotState.Decide(s.State, new BindSlot("A-01", ShelfScenario.Fuzhu, "lc-a01", new DeviceSecret("another-key-0001"), DeviceKeys.NewSalt()), s.Now, s.Rules);
        Assert.Equal("rebind", Assert.IsType<SteadyRunSummarized>(bind.Events[0]).Reason);
        Assert.IsType<SlotBound>(bind.Events[1]);
    }

    [Fact]
    public void The_next_due_moment_includes_the_periodic_summary()
    {
        var s = Settled();
        s.Send(s.Reading(SensorKind.Weight, 10 * Unit));
        Assert.Equal(s.State.Steady!.StartedAt + s.Rules.SteadySummaryEvery, s.State.NextDueAt(s.Rules));
    }

    /// <summary>The digest as docs/SHELVES.md defines it, written out here independently of the production code.</summary>
    private static string IndependentDigest(IEnumerable<SensorReading> readings)
    {
        var digest = new byte[32];
        foreach (var r in readings)
        {
            var line = $"{r.Boot} {r.Seq} {r.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)} "
                + $"{r.Kind.ToString().ToLowerInvariant()} {r.WeightGrams?.ToString(CultureInfo.InvariantCulture) ?? "-"} {r.Battery?.ToString(CultureInfo.InvariantCulture) ?? "-"}\n";
            digest = SHA256.HashData([.. digest, .. Encoding.ASCII.GetBytes(line)]);
        }
        return Convert.ToHexString(digest).ToLowerInvariant();
    }
}
