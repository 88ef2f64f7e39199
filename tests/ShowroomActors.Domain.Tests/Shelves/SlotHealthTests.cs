using ShowroomActors.Domain.Shelves;

namespace ShowroomActors.Domain.Tests.Shelves;

/// <summary>The slot's own health facts: items lifted too long, and stock on the shelf crossing the low-stock threshold.</summary>
public sealed class SlotHealthTests
{
    private const long Unit = 540;

    [Fact]
    public void A_lift_not_returned_becomes_overdue_at_its_due_time_once_and_clears_when_the_item_is_back()
    {
        var shelf = new ShelfScenario(SlotRules.Default with { MaxPlay = TimeSpan.FromHours(1) });
        var liftedAt = shelf.Now;
        shelf.Send(shelf.Reading(SensorKind.Lifted));
        Assert.Equal(liftedAt, shelf.State.LiftedSince);
        Assert.Equal(liftedAt + TimeSpan.FromMinutes(10), shelf.State.LiftOverdueAt(shelf.Rules));

        // A second lift later does not move the due time: the first item is still out.
        shelf.Advance(TimeSpan.FromMinutes(4));
        shelf.Send(shelf.Reading(SensorKind.Lifted));
        Assert.Equal(liftedAt, shelf.State.LiftedSince);
        Assert.Equal(liftedAt + TimeSpan.FromMinutes(10), shelf.State.LiftOverdueAt(shelf.Rules));

        shelf.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(59));
        shelf.Tick();
        Assert.Empty(shelf.Events<LiftOverdueChanged>());

        shelf.Advance(TimeSpan.FromSeconds(1));
        shelf.Tick();
        var overdue = Assert.Single(shelf.Events<LiftOverdueChanged>());
        Assert.True(overdue.Overdue);
        Assert.Equal(2, overdue.Out);
        Assert.Equal(liftedAt, overdue.LiftedSince);
        Assert.Equal("overdue", overdue.Reason);
        Assert.Null(shelf.State.LiftOverdueAt(shelf.Rules));

        shelf.Advance(TimeSpan.FromMinutes(30));
        shelf.Tick();
        Assert.Single(shelf.Events<LiftOverdueChanged>());

        // One back still leaves one out; the second one back clears the flag.
        shelf.Send(shelf.Reading(SensorKind.Returned));
        Assert.Single(shelf.Events<LiftOverdueChanged>());
        shelf.Send(shelf.Reading(SensorKind.Returned));
        var back = shelf.Events<LiftOverdueChanged>().Last();
        Assert.False(back.Overdue);
        Assert.Equal("returned", back.Reason);
        Assert.False(shelf.State.LiftOverdue);
        Assert.Null(shelf.State.LiftedSince);

        var replayed = shelf.Replayed();
        Assert.Equal(shelf.State.LiftOverdue, replayed.LiftOverdue);
        Assert.Equal(shelf.State.LiftedSince, replayed.LiftedSince);
    }

    [Fact]
    public void The_slot_asks_to_be_woken_when_a_lift_becomes_overdue()
    {
        var shelf = new ShelfScenario(SlotRules.Default with { MaxPlay = TimeSpan.FromHours(1), DeviceOfflineAfter = TimeSpan.FromHours(2) });
        var liftedAt = shelf.Now;
        shelf.Send(shelf.Reading(SensorKind.Lifted));
        // The screen's max play (1 h) and the offline limit (2 h) come later: the next due moment is the overdue lift.
        Assert.Equal(liftedAt + TimeSpan.FromMinutes(10), shelf.State.NextDueAt(shelf.Rules));
        Assert.Equal(liftedAt + TimeSpan.FromMinutes(10), shelf.Replayed().NextDueAt(shelf.Rules));
    }

    [Fact]
    public void Lifted_too_long_can_be_turned_off()
    {
        var shelf = new ShelfScenario(SlotRules.Default with { LiftedTooLong = TimeSpan.Zero });
        shelf.Send(shelf.Reading(SensorKind.Lifted));
        shelf.Advance(TimeSpan.FromHours(3));
        shelf.Tick();
        Assert.Empty(shelf.Events<LiftOverdueChanged>());
    }

    [Fact]
    public void Stock_dropping_below_the_threshold_raises_low_stock_and_rising_back_to_it_clears_it()
    {
        var shelf = new ShelfScenario(SlotRules.Default with { StableFor = TimeSpan.FromSeconds(1) });
        Assert.Equal(3, shelf.Rules.LowStockBelow);
        shelf.Hold(5 * Unit, TimeSpan.FromSeconds(2));
        Assert.Equal(5, shelf.State.EstimatedCount);
        Assert.Empty(shelf.Events<StockFlagChanged>());

        shelf.Hold(3 * Unit, TimeSpan.FromSeconds(2));
        Assert.Equal(3, shelf.State.EstimatedCount);
        Assert.Empty(shelf.Events<StockFlagChanged>());

        shelf.Hold(2 * Unit, TimeSpan.FromSeconds(2));
        var low = Assert.Single(shelf.Events<StockFlagChanged>());
        Assert.True(low.Low);
        Assert.Equal(2, low.EstimatedCount);
        Assert.Equal(3, low.Threshold);
        Assert.Equal(ShelfScenario.Fuzhu.ProductId, low.ProductId);
        Assert.True(shelf.State.StockLow);

        shelf.Hold(1 * Unit, TimeSpan.FromSeconds(2));
        Assert.Single(shelf.Events<StockFlagChanged>());

        shelf.Hold(3 * Unit, TimeSpan.FromSeconds(2));
        var restocked = shelf.Events<StockFlagChanged>().Last();
        Assert.False(restocked.Low);
        Assert.Equal(3, restocked.EstimatedCount);
        Assert.Equal("count", restocked.Reason);
        Assert.Equal(2, shelf.Events<StockFlagChanged>().Count());
        Assert.False(shelf.Replayed().StockLow);
    }

    [Fact]
    public void A_slot_that_first_settles_below_the_threshold_is_low_at_once()
    {
        var shelf = new ShelfScenario();
        shelf.Hold(1 * Unit, TimeSpan.FromSeconds(2));
        var low = Assert.Single(shelf.Events<StockFlagChanged>());
        Assert.True(low.Low);
        Assert.Equal(1, low.EstimatedCount);
    }

    [Fact]
    public void Binding_another_product_clears_both_flags()
    {
        var shelf = new ShelfScenario(SlotRules.Default with { MaxPlay = TimeSpan.FromHours(1) });
        shelf.Hold(2 * Unit, TimeSpan.FromSeconds(2));
        shelf.Send(shelf.Reading(SensorKind.Lifted));
        shelf.Advance(TimeSpan.FromMinutes(11));
        shelf.Tick();
        Assert.True(shelf.State.StockLow);
        Assert.True(shelf.State.LiftOverdue);

        var tea = ShelfScenario.Fuzhu with { ProductId = "lingyun-white-tea", UnitWeightGrams = 250 };
        var bind = SlotState.Decide(shelf.State, new BindSlot("A-01", tea, shelf.DeviceId, new DeviceSecret(ShelfScenario.Key), DeviceKeys.NewSalt()), shelf.Now, shelf.Rules);
        Assert.Collection(bind.Events,
            e => Assert.IsType<SlotBound>(e),
            e => Assert.Equal(("rebound", false), (Assert.IsType<LiftOverdueChanged>(e).Reason, ((LiftOverdueChanged)e).Overdue)),
            e => Assert.Equal(("rebound", false, (int?)null), (Assert.IsType<StockFlagChanged>(e).Reason, ((StockFlagChanged)e).Low, ((StockFlagChanged)e).EstimatedCount)),
            e => Assert.IsType<DisplayChanged>(e));
        var after = bind.Events.Aggregate(shelf.State, SlotState.Apply);
        Assert.False(after.LiftOverdue);
        Assert.False(after.StockLow);
    }

    [Fact]
    public void A_device_that_was_never_heard_from_never_goes_offline_nor_raises_anything()
    {
        var shelf = new ShelfScenario(SlotRules.Default with { DeviceOfflineAfter = TimeSpan.FromSeconds(1) });
        Assert.Null(shelf.State.NextDueAt(shelf.Rules));
        shelf.Advance(TimeSpan.FromDays(2));
        shelf.Tick();
        Assert.Empty(shelf.History);
        Assert.False(shelf.State.Device!.IsOnlineAt(shelf.Now, shelf.Rules));
    }
}
