using ShowroomActors.Actors.Catalog;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Shelves;

namespace ShowroomActors.Application.Shelves;

/// <summary>
/// What a device that speaks MQTT needs beside ingest (<see cref="SensorIngest"/>): signing in by its device id and key
/// (the slot bound to the device checks the key against its stored hash, in constant time), and its word that it is
/// online or offline, recorded on that slot as <see cref="DeviceCameOnline"/> / <see cref="DeviceWentOffline"/>. Which
/// slot listens to a device comes from the catalog read model (<see cref="DeviceDirectory"/>), which lags the journal
/// by its refresh interval: a device bound a moment ago may have to try again.
/// </summary>
public sealed class DeviceSessions(ActorGateway actors)
{
    /// <summary>The slot bound to <paramref name="deviceId"/>, when <paramref name="key"/> is that device's key.</summary>
    public async Task<Outcome<string>> SignInAsync(string deviceId, DeviceSecret key, string keyField, CancellationToken cancel)
    {
        if (Ids.Check(deviceId, "deviceId") is { } badId) return badId;
        var slot = await SlotOfAsync(deviceId, cancel);
        if (!slot.IsAccepted) return slot.Rejection;
        var reply = await actors.AskAsync(new VerifyDevice(slot.Value, [deviceId], key), cancel);
        return reply switch
        {
            SlotReply.DeviceVerified => slot.Value,
            SlotReply.DeviceRefused => Rejection.Unauthorized("The device key does not belong to this device.", keyField),
            _ => reply.Refusal(),
        };
    }

    /// <summary>Records that the device says it is <paramref name="online"/> (or not) on its slot; nothing when it already was.</summary>
    public async Task<Outcome<string>> NotePresenceAsync(string deviceId, DeviceSecret key, bool online, string keyField, CancellationToken cancel)
    {
        if (Ids.Check(deviceId, "deviceId") is { } badId) return badId;
        var slot = await SlotOfAsync(deviceId, cancel);
        if (!slot.IsAccepted) return slot.Rejection;
        var reply = await actors.AskAsync(new NoteDevicePresence(slot.Value, deviceId, key, online), cancel);
        return reply switch
        {
            SlotReply.DeviceVerified => slot.Value,
            SlotReply.DeviceRefused => Rejection.Unauthorized("The device key does not belong to this device.", keyField),
            _ => reply.Refusal(),
        };
    }

    private async Task<Outcome<string>> SlotOfAsync(string deviceId, CancellationToken cancel)
    {
        var found = await actors.AskCatalogAsync<CatalogView.DeviceSlot>(new CatalogView.FindDevice(deviceId), cancel);
        if (found is null) return ActorGateway.CatalogUnavailable;
        return found.SlotId is { } slotId ? slotId : Rejection.NotFound($"No slot is bound to device '{deviceId}'.", "deviceId");
    }
}
