using ShowroomActors.Actors.Catalog;
using ShowroomActors.Application.Catalog;
using ShowroomActors.Application.Shelves;

namespace ShowroomActors.Host.WebConsole.Pages;

/// <summary>
/// The live floor: every slot as a tile, laid out by shelf (lifted now or idle, the product, the items the load cell
/// counts, the device's state), kept live by <c>/console/floor/stream</c>; and lift to buy per product.
/// </summary>
public sealed class FloorModel(ShelfUseCases shelves, CatalogUseCases catalog) : ConsolePage
{
    public IReadOnlyList<IGrouping<string, FloorTile>> Shelves { get; private set; } = [];
    public IReadOnlyList<CatalogEntry> Products { get; private set; } = [];
    public ConsoleProblem? LoadProblem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancel)
    {
        var slots = await shelves.ListAsync(cancel);
        var listed = await catalog.ListAsync(cancel);
        if (slots.IsAccepted)
            Shelves = slots.Value.Select(FloorTile.From).OrderBy(t => t.SlotId, StringComparer.Ordinal)
                .GroupBy(t => t.Shelf, StringComparer.Ordinal).ToList();
        if (listed.IsAccepted) Products = listed.Value;
        var refused = slots.Rejection ?? listed.Rejection;
        if (refused is not null)
        {
            LoadProblem = new ConsoleProblem("floor", null, 503, "Service unavailable", refused.Message, null);
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }
    }
}
