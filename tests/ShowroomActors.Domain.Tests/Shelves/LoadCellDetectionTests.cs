using ShowroomActors.Domain.Shelves;

namespace ShowroomActors.Domain.Tests.Shelves;

public sealed class LoadCellDetectionTests
{
    private const int Unit = 540;

    private static ShelfScenario Stocked(int items = 10)
    {
        var s = new ShelfScenario();
        s.Hold(items * Unit, TimeSpan.FromSeconds(1.5));
        return s;
    }

    [Fact]
    public void The_first_stable_weight_sets_the_baseline_and_the_estimated_count_without_a_pickup()
    {
        var s = Stocked();
        var settled = Assert.Single(s.Settles());
        Assert.Null(settled.PreviousGrams);
        Assert.Equal(10, settled.EstimatedCount);
        Assert.Equal(10, s.State.EstimatedCount);
        Assert.Empty(s.Moves());
    }

    [Fact]
    public void A_reading_counts_only_after_it_stayed_within_the_tolerance_for_the_stable_time()
    {
        var s = new ShelfScenario();
        s.Weigh(5400, 5401, 5399, 5402); // 0.75 s: not yet
        Assert.Empty(s.Settles());
        s.Weigh(5400); // spans 1 s
        Assert.Equal(5400, Assert.Single(s.Settles()).StableGrams);
    }

    [Fact]
    public void Noise_inside_the_tolerance_records_nothing_the_readings_are_folded_into_the_steady_run()
    {
        var s = Stocked();
        var before = s.History.Count;
        var folded = s.State.Steady?.Count ?? 0;
        s.Hold(10 * Unit, TimeSpan.FromSeconds(20), noise: (int)LoadCellWindow.ToleranceFor(Unit) / 2 - 1);
        Assert.Equal(before, s.History.Count);
        Assert.Equal(folded + 80, s.State.Steady!.Count);
        Assert.Equal(0, s.State.Lifts);
    }

    [Fact]
    public void Motion_spikes_beyond_the_tolerance_that_settle_back_on_the_baseline_record_nothing()
    {
        var s = Stocked();
        var before = s.History.Count;
        s.Weigh(5400 + 300, 5400 - 200, 5400 + 120); // someone leans on the shelf
        s.Hold(10 * Unit, TimeSpan.FromSeconds(2));
        Assert.Equal(before, s.History.Count);
        Assert.Equal((5400 - 200, 5400 + 300), (s.State.Steady!.MinGrams, s.State.Steady.MaxGrams));
        s.Stop();
        Assert.Equal(s.State, s.Replayed());
    }

    [Fact]
    public void A_stable_drop_of_one_unit_is_a_lift_and_shows_the_product_at_once()
    {
        var s = Stocked();
        s.Weigh(5100, 4950); // motion
        s.Hold(9 * Unit, TimeSpan.FromSeconds(1.25));
        var lift = Assert.Single(s.Moves());
        Assert.Equal((1, 0, new PickupCounters(1, 0, 1)), (lift.Lifted, lift.Returned, lift.CountersAfter));
        var settled = s.Settles().Last();
        var mover = Assert.Single(lift.Readings, r => r.Lifted + r.Returned > 0);
        Assert.Equal((settled.Seq, SensorKind.Weight, 1), (mover.Seq, mover.Kind, mover.Lifted));
        Assert.Equal((1L, DisplayMode.Product), Assert.Single(s.Displays()));
        Assert.Equal(1, lift.Shown);
        Assert.Equal(ShelfScenario.Fuzhu, s.State.CurrentDisplay.Product);
        Assert.Equal(9, s.State.EstimatedCount);
        Assert.True(s.State.Lifted);
    }

    [Fact]
    public void Two_items_lifted_at_once_are_two_lifts_and_putting_one_back_is_one_return()
    {
        var s = Stocked();
        s.Weigh(4600, 4400);
        s.Hold(8 * Unit, TimeSpan.FromSeconds(1.25));
        Assert.Equal(2, Assert.Single(s.Moves()).Lifted);
        Assert.Equal(2, s.State.Lifts);

        s.Weigh(4700);
        s.Hold(9 * Unit, TimeSpan.FromSeconds(1.25));
        var back = s.Moves().Last();
        Assert.Equal((0, 1, new PickupCounters(2, 1, 1)), (back.Lifted, back.Returned, back.CountersAfter));
        Assert.Equal(9, s.State.EstimatedCount);
    }

    [Fact]
    public void Slow_drift_moves_the_baseline_without_ever_making_a_pickup()
    {
        var s = Stocked();
        // Creep of 1 g per reading (4 g/s) for 100 s: 400 g in all, most of a unit, but never a stable unit step.
        for (var i = 0; i < 400; i++) s.Weigh(10 * Unit - i);
        Assert.Empty(s.Moves());
        Assert.True(s.Settles().Count() > 2, "the baseline follows the drift");
        Assert.InRange(s.State.Scale.StableGrams!.Value, 10 * Unit - 400, 10 * Unit - 300);
    }

    [Fact]
    public void A_quick_lift_and_return_inside_the_stable_time_makes_no_pickup_and_no_flicker()
    {
        var s = Stocked();
        s.Weigh(4860, 4862, 5400); // lifted for half a second, put back
        s.Hold(10 * Unit, TimeSpan.FromSeconds(2));
        Assert.Empty(s.Moves());
        Assert.Empty(s.Displays());
    }

    [Fact]
    public void A_rise_beyond_the_items_out_is_restocking_not_a_return()
    {
        var s = Stocked();
        s.Weigh(4860);
        s.Hold(9 * Unit, TimeSpan.FromSeconds(1.25));
        s.Weigh(8000);
        s.Hold(15 * Unit, TimeSpan.FromSeconds(1.25));
        Assert.Equal(1, s.Moves().Sum(m => m.Returned));
        Assert.Equal(15, s.State.EstimatedCount);
        Assert.Equal(0, s.State.Out);
    }

    [Fact]
    public void A_lift_while_the_device_rebooted_is_found_when_the_rebooted_device_reports_a_stable_weight()
    {
        var s = Stocked();
        s.Boot = 1; // restarted: new boot counter, seq from 0
        var decision = s.Send(s.Reading(SensorKind.Weight, 9 * Unit, seq: 0));
        Assert.Equal(1, decision.Accepted);
        Assert.Single(s.Events<DeviceRebooted>());
        s.Advance(TimeSpan.FromMilliseconds(250));
        for (var seq = 1; seq <= 5; seq++)
        {
            s.Send(s.Reading(SensorKind.Weight, 9 * Unit, seq: seq));
            s.Advance(TimeSpan.FromMilliseconds(250));
        }
        Assert.Equal(1, Assert.Single(s.Moves()).Lifted);
        Assert.Equal(5, s.State.Device!.LastSeq);
        Assert.Equal(1, s.State.Device.Boot);
    }

    [Fact]
    public void Readings_whose_device_clock_runs_backwards_start_a_new_run()
    {
        var window = LoadCellWindow.Begin(0, 7, DateTimeOffset.UnixEpoch.AddSeconds(10), 500);
        var back = LoadCellWindow.Add(window, 0, 8, DateTimeOffset.UnixEpoch.AddSeconds(5), 501, 20);
        Assert.Equal(1, back.Count);
        Assert.True(back.IsRun(0, 8));
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(5), back.Start);
    }

    [Theory]
    [InlineData(5400, 4860, 540, -1)]
    [InlineData(5400, 4320, 540, -2)]
    [InlineData(5400, 5200, 540, 0)]
    [InlineData(5400, 5700, 540, 1)]
    [InlineData(5400, 5130, 540, -1)] // exactly half a unit counts
    public void Weight_changes_round_to_whole_units(long previous, long stable, int unit, int expected) =>
        Assert.Equal(expected, WeightChange.Units(previous, stable, unit));
}
