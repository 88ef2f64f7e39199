using ShowroomActors.Domain.Shelves;

namespace ShowroomActors.Domain.Tests.Shelves;

public sealed class DisplayRulesTests
{
    private static ShelfScenario Lifted(SlotRules? rules = null)
    {
        var s = new ShelfScenario(rules);
        s.Send(s.Reading(SensorKind.Lifted));
        Assert.Equal(DisplayMode.Product, s.State.Display.Mode);
        return s;
    }

    [Fact]
    public void A_return_goes_idle_after_the_linger_not_before()
    {
        var s = Lifted();
        s.Advance(TimeSpan.FromSeconds(5));
        s.Send(s.Reading(SensorKind.Returned));
        s.Advance(TimeSpan.FromSeconds(9.9));
        s.Tick();
        Assert.Equal(DisplayMode.Product, s.State.Display.Mode);
        s.Advance(TimeSpan.FromSeconds(0.1));
        s.Tick();
        Assert.Equal(DisplayMode.Idle, s.State.Display.Mode);
        Assert.Equal([(1L, DisplayMode.Product), (2L, DisplayMode.Idle)], s.Displays());
        Assert.Null(s.State.CurrentDisplay.Product);
    }

    [Fact]
    public void A_quick_lift_and_return_still_plays_the_minimum_time()
    {
        var s = Lifted(SlotRules.Default with { DisplayLinger = TimeSpan.FromSeconds(1), MinPlay = TimeSpan.FromSeconds(3) });
        s.Advance(TimeSpan.FromMilliseconds(300));
        s.Send(s.Reading(SensorKind.Returned));
        s.Advance(TimeSpan.FromSeconds(2));
        s.Tick();
        Assert.Equal(DisplayMode.Product, s.State.Display.Mode);
        Assert.Equal(s.Now.AddSeconds(0.7), s.State.NextDueAt(s.Rules));
        s.Advance(TimeSpan.FromSeconds(0.7));
        s.Tick();
        Assert.Equal(DisplayMode.Idle, s.State.Display.Mode);
    }

    [Fact]
    public void Lifting_again_during_the_linger_keeps_the_product_without_a_new_version()
    {
        var s = Lifted();
        s.Send(s.Reading(SensorKind.Returned));
        s.Advance(TimeSpan.FromSeconds(4));
        s.Send(s.Reading(SensorKind.Lifted));
        s.Advance(TimeSpan.FromSeconds(8));
        s.Tick();
        Assert.Equal(DisplayMode.Product, s.State.Display.Mode);
        Assert.Single(s.Displays());
    }

    [Fact]
    public void An_item_never_put_back_ends_the_show_after_the_maximum_play_time()
    {
        var s = Lifted(SlotRules.Default with { MaxPlay = TimeSpan.FromSeconds(30) });
        s.Advance(TimeSpan.FromSeconds(30));
        s.Tick();
        var idle = s.Events<DisplayChanged>().Last();
        Assert.Equal((DisplayMode.Idle, "max-play"), (idle.Mode, idle.Reason));
        Assert.True(s.State.Lifted); // the sensor still says one item is out
    }

    [Fact]
    public void Rebinding_to_another_product_takes_the_screen_back_to_idle()
    {
        var s = Lifted();
        var other = ShelfScenario.Fuzhu with { ProductId = "leye-wild-honey-500g", Name = "乐业野生蜂蜜", UnitWeightGrams = 680 };
        var d = SlotState.Decide(s.State, new BindSlot("A-01", other, "lc-a01", new DeviceSecret(ShelfScenario.Key), DeviceKeys.NewSalt()), s.Now, s.Rules);
        var state = d.Events.Aggregate(s.State, SlotState.Apply);
        Assert.Equal(DisplayMode.Idle, state.Display.Mode);
        Assert.Equal(2, state.Display.Version);
        Assert.Equal(0, state.Out);
        Assert.Null(state.Scale.StableGrams);
    }
}
