using ShowroomActors.Actors.Catalog;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Shelves;

namespace ShowroomActors.Application.Shelves;

/// <summary>One device of the fleet view: where it is, whether it is heard, its battery and what its numbering says.</summary>
public sealed record FleetDevice(
    string DeviceId, string SlotId, string ProductId, string ProductName, bool Online, DateTimeOffset? LastSeenAt,
    int? Battery, bool BatteryLow, bool ClockSkewed, long? Boot, long? LastSeq, long MissedEvents, int Reboots);

/// <summary>
/// The device fleet (<c>GET /api/v1/devices</c>): every device bound to a slot, as its slot knows it now. The devices
/// come from the catalog read model's directory (one ask); each slot is then read from its entity, in parallel, as the
/// slot list does (a showroom has a few hundred slots at most), so online and battery are current, not a projection's
/// lag behind. A device the directory still places on a slot that has since been re-bound is left out.
/// </summary>
public sealed class DeviceFleet(ActorGateway actors)
{
    /// <summary>The <c>state</c> filter's values: heard within the offline limit or not, low battery, clock off, events lost, never heard since bound.</summary>
    public static readonly IReadOnlyList<string> States = ["online", "offline", "battery-low", "clock-skewed", "gaps", "never-seen"];

    public async Task<Outcome<IReadOnlyList<FleetDevice>>> ListAsync(string? state, CancellationToken cancel)
    {
        if (state is not null && !States.Contains(state))
            return Rejection.Invalid("state", $"'state' must be one of {string.Join(", ", States)}.");
        var listed = await actors.AskCatalogAsync<CatalogView.DeviceList>(new CatalogView.ListDevices(), cancel);
        if (listed is null) return ActorGateway.CatalogUnavailable;
        var read = await Task.WhenAll(listed.Devices.Select(async d => (Binding: d, Reply: await actors.AskAsync(new GetSlot(d.SlotId), cancel))));
        var devices = new List<FleetDevice>(read.Length);
        foreach (var (binding, reply) in read)
        {
            if (reply is not SlotReply.Viewed { Slot: var slot })
            {
                if (reply.RejectionOrNull() is { Code: RejectionCode.Unavailable } unavailable) return unavailable;
                continue;
            }
            if (slot.Device is not { } device || device.DeviceId != binding.DeviceId) continue;
            var row = new FleetDevice(device.DeviceId, slot.SlotId, slot.Product.ProductId, slot.Product.Name, device.Online, device.LastHeardAt,
                device.Battery, device.BatteryLow, device.ClockSkewed, device.Boot, device.LastSeq, device.MissedEvents, device.Reboots);
            if (Matches(row, state)) devices.Add(row);
        }
        return devices;
    }

    private static bool Matches(FleetDevice d, string? state) => state switch
    {
        null => true,
        "online" => d.Online,
        "offline" => !d.Online,
        "battery-low" => d.BatteryLow,
        "clock-skewed" => d.ClockSkewed,
        "gaps" => d.MissedEvents > 0,
        "never-seen" => d.LastSeenAt is null,
        _ => false,
    };
}
