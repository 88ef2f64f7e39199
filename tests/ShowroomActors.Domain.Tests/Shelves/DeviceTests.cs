using ShowroomActors.Domain.Shelves;

namespace ShowroomActors.Domain.Tests.Shelves;

public sealed class DeviceTests
{
    [Fact]
    public void The_key_is_stored_only_as_a_salted_hash()
    {
        var s = new ShelfScenario();
        var device = s.State.Device!;
        Assert.DoesNotContain(ShelfScenario.Key, device.KeyHash);
        Assert.Equal(64, device.KeyHash.Length);
        Assert.True(DeviceKeys.Matches(device.KeySalt, device.KeyHash, new DeviceSecret(ShelfScenario.Key)));
        Assert.NotEqual(DeviceKeys.Hash(DeviceKeys.NewSalt(), new DeviceSecret("same-key-0001")), DeviceKeys.Hash(DeviceKeys.NewSalt(), new DeviceSecret("same-key-0001")));
        Assert.DoesNotContain(ShelfScenario.Key, new IngestSensorEvents("A-01", new DeviceSecret(ShelfScenario.Key), []).ToString());
    }

    [Fact]
    public void A_wrong_key_or_another_device_is_refused_and_decides_nothing()
    {
        var s = new ShelfScenario();
        var wrongKey = SlotState.Ingest(s.State, new IngestSensorEvents("A-01", new DeviceSecret("not-the-key-000"), [s.Reading(SensorKind.Lifted)]), s.Now, s.Rules);
        Assert.Equal(DeviceCheck.Refused, wrongKey.Check);
        Assert.Empty(wrongKey.Events);
        var otherDevice = s.Reading(SensorKind.Lifted) with { DeviceId = "lc-b07" };
        Assert.Equal(DeviceCheck.Refused, SlotState.Ingest(s.State, new IngestSensorEvents("A-01", new DeviceSecret(ShelfScenario.Key), [otherDevice]), s.Now, s.Rules).Check);
        Assert.Equal(DeviceCheck.UnknownSlot, SlotState.Verify(SlotState.Empty("Z-9"), ["lc-a01"], new DeviceSecret(ShelfScenario.Key)));
    }

    [Fact]
    public void Binding_again_with_the_same_key_is_a_repeat_and_with_a_new_key_rotates_it_keeping_the_seq()
    {
        var s = new ShelfScenario();
        s.Send(s.Reading(SensorKind.Heartbeat, seq: 41));
        var same = SlotState.Decide(s.State, new BindSlot("A-01", ShelfScenario.Fuzhu, "lc-a01", new DeviceSecret(ShelfScenario.Key), DeviceKeys.NewSalt()), s.Now, s.Rules);
        Assert.Empty(same.Events);

        var rotate = SlotState.Decide(s.State, new BindSlot("A-01", ShelfScenario.Fuzhu, "lc-a01", new DeviceSecret("the-new-key-0002"), DeviceKeys.NewSalt()), s.Now, s.Rules);
        var state = rotate.Events.Aggregate(s.State, SlotState.Apply);
        Assert.Equal(41, state.Device!.LastSeq);
        Assert.Equal(DeviceCheck.Refused, SlotState.Verify(state, ["lc-a01"], new DeviceSecret(ShelfScenario.Key)));
        Assert.Equal(DeviceCheck.Ok, SlotState.Verify(state, ["lc-a01"], new DeviceSecret("the-new-key-0002")));
    }

    [Fact]
    public void Bad_binds_name_their_field()
    {
        var empty = SlotState.Empty("A-01");
        var now = DateTimeOffset.UnixEpoch;
        Assert.Equal("deviceKey", SlotState.Decide(empty, new BindSlot("A-01", ShelfScenario.Fuzhu, "lc-a01", null, "00"), now, SlotRules.Default).Rejection!.Field);
        Assert.Equal("deviceKey", SlotState.Decide(empty, new BindSlot("A-01", ShelfScenario.Fuzhu, "lc-a01", new DeviceSecret("short"), "00"), now, SlotRules.Default).Rejection!.Field);
        Assert.Equal("deviceId", SlotState.Decide(empty, new BindSlot("A-01", ShelfScenario.Fuzhu, "bad id!", new DeviceSecret("long-enough-key"), "00"), now, SlotRules.Default).Rejection!.Field);
        Assert.Equal("slotId", SlotState.Decide(SlotState.Empty("../x"), new BindSlot("../x", ShelfScenario.Fuzhu, null, null, "00"), now, SlotRules.Default).Rejection!.Field);
    }

    [Fact]
    public void Silence_past_the_limit_takes_the_device_offline_and_the_next_event_brings_it_back()
    {
        var s = new ShelfScenario(SlotRules.Default with { DeviceOfflineAfter = TimeSpan.FromSeconds(60) });
        s.Send(s.Reading(SensorKind.Heartbeat));
        Assert.True(s.State.Device!.IsOnlineAt(s.Now, s.Rules));
        s.Advance(TimeSpan.FromSeconds(59));
        s.Tick();
        Assert.Empty(s.Events<DeviceWentOffline>());
        s.Advance(TimeSpan.FromSeconds(1));
        Assert.False(s.State.Device.IsOnlineAt(s.Now, s.Rules)); // lazily, before any timer ran
        s.Tick();
        Assert.Single(s.Events<DeviceWentOffline>());
        s.Send(s.Reading(SensorKind.Heartbeat));
        Assert.Equal(2, s.Events<DeviceCameOnline>().Count());
        Assert.True(s.State.Device!.IsOnlineAt(s.Now, s.Rules));
    }

    [Fact]
    public void Low_battery_raises_a_flag_that_clears_only_with_some_margin()
    {
        var s = new ShelfScenario();
        s.Send(s.Reading(SensorKind.Heartbeat, battery: 35));
        s.Send(s.Reading(SensorKind.Heartbeat, battery: 19));
        Assert.True(s.State.Device!.BatteryLow);
        s.Send(s.Reading(SensorKind.Heartbeat, battery: 21));
        Assert.True(s.State.Device!.BatteryLow);
        s.Send(s.Reading(SensorKind.Heartbeat, battery: 80));
        Assert.False(s.State.Device!.BatteryLow);
        Assert.Equal([true, false], s.Events<BatteryFlagChanged>().Select(f => f.Low));
        Assert.Equal(80, s.State.Device.Battery);
    }
}
