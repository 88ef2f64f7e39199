using ShowroomActors.Domain.Shelves;

namespace ShowroomActors.Actors.Catalog;

/// <summary>A sensor device and the slot that listens to it now.</summary>
public sealed record DeviceBinding(string DeviceId, string SlotId);

/// <summary>
/// Which slot listens to which device, from the slots' bindings (part of the catalog read model, which reads every
/// <see cref="SlotBound"/>): MQTT signs a device in by its id alone, so it must find the slot whose key hash checks the
/// password, and the fleet view lists the devices without asking every slot that exists. A device bound to a second
/// slot belongs to the later one; a slot re-bound to another device (or none) lets go of its former device.
/// </summary>
public sealed class DeviceDirectory
{
    private readonly Dictionary<string, string> _slotOfDevice = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _deviceOfSlot = new(StringComparer.Ordinal);

    public void Take(SlotBound bound)
    {
        if (_deviceOfSlot.TryGetValue(bound.SlotId, out var former) && former != bound.DeviceId
            && _slotOfDevice.TryGetValue(former, out var formerSlot) && formerSlot == bound.SlotId)
            _slotOfDevice.Remove(former);
        if (bound.DeviceId is null)
        {
            _deviceOfSlot.Remove(bound.SlotId);
            return;
        }
        if (_slotOfDevice.TryGetValue(bound.DeviceId, out var previous) && previous != bound.SlotId)
            _deviceOfSlot.Remove(previous);
        _deviceOfSlot[bound.SlotId] = bound.DeviceId;
        _slotOfDevice[bound.DeviceId] = bound.SlotId;
    }

    public string? SlotOf(string deviceId) => _slotOfDevice.GetValueOrDefault(deviceId);

    public IReadOnlyList<DeviceBinding> All() =>
        _slotOfDevice.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => new DeviceBinding(d.Key, d.Value)).ToList();
}
