namespace ShowroomActors.Domain.Shelves;

/// <summary>
/// A device said it is online or offline (MQTT: its retained <c>state</c> message, or its Last Will of <c>offline</c>
/// that the broker publishes when the connection dies), authenticated by <paramref name="Key"/>. Answered with
/// <see cref="SlotReply.DeviceVerified"/> once whatever it changed is persisted, with
/// <see cref="SlotReply.DeviceRefused"/> when the key or the device does not match, or with a rejection.
/// </summary>
public sealed record NoteDevicePresence(string SlotId, string DeviceId, DeviceSecret Key, bool Online) : ISlotCommand;

public sealed partial record SlotState
{
    /// <summary>
    /// What a device's own word about its presence records: <see cref="DeviceCameOnline"/> when it was not online (as a
    /// reading would), <see cref="DeviceWentOffline"/> when it was (its folded readings summarised first, as when the
    /// offline limit passes), and nothing otherwise, nor for a device never heard from since it was bound (it was never
    /// activated: no offline for it).
    /// </summary>
    public static (DeviceCheck Check, IReadOnlyList<ISlotEvent> Events) Presence(SlotState state, NoteDevicePresence c, DateTimeOffset now)
    {
        var check = Verify(state, [c.DeviceId], c.Key);
        if (check != DeviceCheck.Ok) return (check, []);
        var device = state.Device!;
        if (c.Online)
            return device.Online ? (check, []) : (check, [new DeviceCameOnline(state.SlotId, device.DeviceId, now)]);
        if (!device.Online || device.LastHeardAt is not { } heard) return (check, []);
        var events = new List<ISlotEvent>();
        if (CloseSteadyRun(state, "offline") is { } summary) events.Add(summary);
        events.Add(new DeviceWentOffline(state.SlotId, device.DeviceId, heard, now));
        return (check, events);
    }
}
