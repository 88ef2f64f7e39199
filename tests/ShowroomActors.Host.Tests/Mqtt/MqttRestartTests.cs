using ShowroomActors.Host.Configuration;
using ShowroomActors.Host.Tests.Shelves;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.Mqtt;

public sealed class MqttRestartTests
{
    [Fact]
    public async Task A_restart_of_the_host_loses_no_acknowledged_reading()
    {
        var port = MqttDevice.FreePort();
        await using var showroom = await TestShowroom.StartAsync(extraHocon: ShelfHost.ShortTimings, mqtt: MqttSettings.Embedded(port));
        await ShelfHost.BindAsync(showroom, "mqr-1", "rfid-mqr-1", "key-of-rfid-mqr-1", "mqr-fuzhu");
        var acked = 0;
        await using (var device = await MqttDevice.ConnectWhenKnownAsync(port, "rfid-mqr-1", "key-of-rfid-mqr-1"))
        {
            for (var seq = 0; seq < 20; seq++)
            {
                await device.PublishEventsAsync([ShelfHost.Event("mqr-1", "rfid-mqr-1", seq, seq % 2 == 0 ? "lifted" : "returned")]);
                acked += (await device.NextAckAsync()).Ack.GetProperty("accepted").GetInt32();
            }
        }

        await showroom.RestartAsync();

        var slot = await TestShowroom.JsonAsync(await showroom.GetAsync("/api/v1/slots/mqr-1", key: null));
        Assert.Equal(20, acked);
        Assert.Equal((10, 10, 19L), (slot.GetProperty("lifts").GetInt32(), slot.GetProperty("returns").GetInt32(), slot.GetProperty("device").GetProperty("lastSeq").GetInt64()));
        // The restarted host's server takes the device again, and still drops what it already has.
        await using var again = await MqttDevice.ConnectWhenKnownAsync(port, "rfid-mqr-1", "key-of-rfid-mqr-1");
        await again.PublishEventsAsync([ShelfHost.Event("mqr-1", "rfid-mqr-1", 19, "returned")]);
        Assert.Equal(1, (await again.NextAckAsync()).Ack.GetProperty("duplicates").GetInt32());
    }
}
