using ShowroomActors.Actors.Catalog;
using ShowroomActors.Domain.Catalog;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Shelves;

namespace ShowroomActors.Application.Shelves;

/// <summary>A slot as the API shows it: the slot's view and the orders placed from its QR page (lift to buy).</summary>
public sealed record SlotOverview(SlotView Slot, int Orders)
{
    public decimal? ConversionRate => Conversion.Rate(Orders, Slot.Lifts);
}

/// <summary>Shelf slots: putting a product on a slot and binding its sensor, reading a slot and what its screen shows.</summary>
public sealed class ShelfUseCases(ActorGateway actors)
{
    /// <summary>
    /// Puts <paramref name="productId"/> on the slot and binds its sensor device (<paramref name="deviceId"/> and
    /// <paramref name="deviceKey"/> together, or neither). The slot keeps a copy of the product (what its screen shows,
    /// the unit weight its load cell needs), read from the product now; the key is hashed inside the slot, never kept.
    /// </summary>
    public async Task<Outcome<SlotOverview>> BindSlotAsync(string slotId, string productId, string? deviceId, string? deviceKey, CancellationToken cancel)
    {
        if ((Ids.Check(slotId, "slotId") ?? Ids.Check(productId, "productId")) is { } invalid) return invalid;
        var found = await actors.AskAsync(new GetProduct(productId), cancel);
        if (found is not ProductReply.Accepted { Product: var product }) return found.Refusal();
        var command = new BindSlot(
            slotId,
            SlotProduct.From(productId, product.Details),
            deviceId,
            deviceKey is null ? null : new DeviceSecret(deviceKey),
            DeviceKeys.NewSalt());
        return await WithOrdersAsync(await actors.AskAsync(command, cancel), cancel);
    }

    public async Task<Outcome<SlotOverview>> GetAsync(string slotId, CancellationToken cancel) =>
        Ids.IsValid(slotId) ? await WithOrdersAsync(await actors.AskAsync(new GetSlot(slotId), cancel), cancel) : NoSuchSlot(slotId);

    public async Task<Outcome<SlotDisplay>> GetDisplayAsync(string slotId, CancellationToken cancel)
    {
        if (!Ids.IsValid(slotId)) return NoSuchSlot(slotId);
        var reply = await actors.AskAsync(new GetDisplay(slotId), cancel);
        return reply is SlotReply.Shown { Display: var display } ? display : reply.Refusal();
    }

    /// <summary>
    /// Every slot that holds a product (the catalog read model knows which), each read from its entity now: the floor
    /// of a showroom is a few hundred slots at most, asked in parallel.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<SlotOverview>>> ListAsync(CancellationToken cancel)
    {
        var listed = await actors.AskCatalogAsync<CatalogView.SlotList>(new CatalogView.ListSlots(), cancel);
        if (listed is null) return ActorGateway.CatalogUnavailable;
        var read = await Task.WhenAll(listed.SlotIds.Select(id => GetAsync(id, cancel)));
        if (read.FirstOrDefault(r => !r.IsAccepted) is { Rejection: { } refused }) return refused;
        return read.Select(r => r.Value!).ToList();
    }

    /// <summary>
    /// Lifts per slot per hour of <paramref name="day"/> (China Standard Time) for the floor's heatmap, from the catalog
    /// read model (rebuilt from the journal on start; the last <see cref="LiftHours.KeepDays"/> days are kept).
    /// </summary>
    public async Task<Outcome<LiftHeatmap>> LiftHeatmapAsync(DateOnly day, CancellationToken cancel)
    {
        var heatmap = await actors.AskCatalogAsync<LiftHeatmap>(new CatalogView.GetLiftHours(day), cancel);
        return heatmap is null ? ActorGateway.CatalogUnavailable : heatmap;
    }

    /// <summary>A slot id that cannot exist names no slot: not found, before any entity is started for it.</summary>
    public static Rejection NoSuchSlot(string slotId) => Rejection.NotFound($"There is no slot '{slotId}'.", "slotId");

    private async Task<Outcome<SlotOverview>> WithOrdersAsync(SlotReply reply, CancellationToken cancel)
    {
        if (reply is not SlotReply.Viewed { Slot: var slot }) return reply.Refusal();
        var conversions = await actors.AskCatalogAsync<CatalogView.SlotConversions>(new CatalogView.GetSlotConversions(slot.SlotId), cancel);
        return conversions is null ? ActorGateway.CatalogUnavailable : new SlotOverview(slot, conversions.Orders);
    }
}
