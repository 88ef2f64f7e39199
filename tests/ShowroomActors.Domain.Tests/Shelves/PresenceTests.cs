using ShowroomActors.Domain.Shelves;

namespace ShowroomActors.Domain.Tests.Shelves;

/// <summary>A device's own word about its presence (MQTT state topic, Last Will): <see cref="SlotState.Presence"/>.</summary>
public sealed class PresenceTests
{
    private static NoteDevicePresence Say(bool online, string key = ShelfScenario.Key) => new("A-01", "lc-a01", new DeviceSecret(key), online);

    [Fact]
    public void Offline_from_an_online_device_records_DeviceWentOffline_with_when_it_was_last_heard()
    {
        var s = new ShelfScenario();
        s.Send(s.Reading(SensorKind.Heartbeat));
        var heard = s.State.Device!.LastHeardAt!.Value;
        s.Advance(TimeSpan.FromSeconds(5));

        var (check, events) = SlotState.Presence(s.State, Say(online: false), s.Now);

        Assert.Equal(DeviceCheck.Ok, check);
        var offline = Assert.IsType<DeviceWentOffline>(Assert.Single(events));
        Assert.Equal(("lc-a01", heard, s.Now), (offline.DeviceId, offline.LastHeardAt, offline.At));
        Assert.False(events.Aggregate(s.State, SlotState.Apply).Device!.Online);
    }

    [Fact]
    public void A_device_never_heard_since_binding_goes_offline_silently_and_online_is_recorded_once()
    {
        var s = new ShelfScenario();
        Assert.Empty(SlotState.Presence(s.State, Say(online: false), s.Now).Events);

        var (_, online) = SlotState.Presence(s.State, Say(online: true), s.Now);
        var state = online.Aggregate(s.State, SlotState.Apply);
        Assert.IsType<DeviceCameOnline>(Assert.Single(online));
        Assert.Empty(SlotState.Presence(state, Say(online: true), s.Now).Events);
    }

    [Fact]
    public void A_wrong_key_is_refused_and_records_nothing()
    {
        var s = new ShelfScenario();
        s.Send(s.Reading(SensorKind.Heartbeat));
        var (check, events) = SlotState.Presence(s.State, Say(online: false, key: "not-the-key-000"), s.Now);
        Assert.Equal(DeviceCheck.Refused, check);
        Assert.Empty(events);
    }

    [Fact]
    public void Folded_readings_are_summarised_before_the_device_goes_offline()
    {
        var s = new ShelfScenario();
        s.Send(s.Reading(SensorKind.Heartbeat));
        s.Send(s.Reading(SensorKind.Heartbeat));
        Assert.NotNull(s.State.Steady);

        var (_, events) = SlotState.Presence(s.State, Say(online: false), s.Now);

        Assert.Equal("offline", Assert.IsType<SteadyRunSummarized>(events[0]).Reason);
        Assert.IsType<DeviceWentOffline>(events[1]);
    }
}
