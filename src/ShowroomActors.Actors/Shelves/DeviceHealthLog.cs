using Akka.Event;
using ShowroomActors.Domain.Shelves;

namespace ShowroomActors.Actors.Shelves;

/// <summary>
/// The operator's view of device health in the log, once the facts are persisted: a device going offline and a low
/// battery are warnings (someone has to walk to the shelf), coming back online and a recharged battery information.
/// Serilog message templates, through Akka's Serilog formatter.
/// </summary>
public static class DeviceHealthLog
{
    public static void Write(ILoggingAdapter log, IEnumerable<ISlotEvent> persisted)
    {
        foreach (var evt in persisted)
        {
            switch (evt)
            {
                case DeviceWentOffline off:
                    log.Warning("Device {DeviceId} of slot {SlotId} went offline: nothing heard since {LastHeardAt}", off.DeviceId, off.SlotId, off.LastHeardAt);
                    break;
                case DeviceCameOnline on:
                    log.Info("Device {DeviceId} of slot {SlotId} is online", on.DeviceId, on.SlotId);
                    break;
                case BatteryFlagChanged { Low: true } low:
                    log.Warning("Device {DeviceId} of slot {SlotId} has a low battery: {Battery}%", low.DeviceId, low.SlotId, low.Battery);
                    break;
                case BatteryFlagChanged charged:
                    log.Info("Device {DeviceId} of slot {SlotId} battery is back at {Battery}%", charged.DeviceId, charged.SlotId, charged.Battery);
                    break;
            }
        }
    }
}
