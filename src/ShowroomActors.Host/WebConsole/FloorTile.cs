using ShowroomActors.Application.Shelves;

namespace ShowroomActors.Host.WebConsole;

/// <summary>
/// One slot as the floor page shows it: rendered by the page, and sent again by <c>/console/floor/stream</c> whenever
/// it differs from what the page was last sent (the page's script puts each field into the tile).
/// </summary>
public sealed record FloorTile(
    string SlotId,
    string Shelf,
    string ProductId,
    string ProductName,
    bool Lifted,
    int Lifts,
    int Returns,
    int? ItemsOnShelf,
    int Orders,
    string? DeviceId,
    bool? Online,
    int? Battery,
    bool BatteryLow,
    string LastSeen)
{
    public static FloorTile From(SlotOverview overview)
    {
        var slot = overview.Slot;
        var device = slot.Device;
        return new FloorTile(
            slot.SlotId,
            ShelfOf(slot.SlotId),
            slot.Product.ProductId,
            slot.Product.Name,
            slot.Lifted,
            slot.Lifts,
            slot.Returns,
            slot.EstimatedCount,
            overview.Orders,
            device?.DeviceId,
            device?.Online,
            device?.Battery,
            device?.BatteryLow ?? false,
            ConsoleFormat.Time(device?.LastHeardAt));
    }

    /// <summary>The shelf a slot is on: the part of its id before the first '-' (A-01 is on shelf A), else the whole id.</summary>
    public static string ShelfOf(string slotId) => slotId.IndexOf('-') is > 0 and var dash ? slotId[..dash] : slotId;
}
