using Microsoft.AspNetCore.Mvc;
using ShowroomActors.Actors.Catalog;
using ShowroomActors.Application.Alerts;
using ShowroomActors.Application.Catalog;
using ShowroomActors.Application.Shelves;

namespace ShowroomActors.Host.WebConsole.Pages;

/// <summary>
/// The live floor: every slot as a tile, laid out by shelf (lifted now or idle, the product, the items the load cell
/// counts, the device's state), kept live by <c>/console/floor/stream</c>; the unresolved alerts, kept live by
/// <c>/console/alerts/stream</c>, which operators acknowledge here (a form with the antiforgery token, through the same
/// use case as the API); and lift to buy per product.
/// </summary>
public sealed class FloorModel(ShelfUseCases shelves, CatalogUseCases catalog, AlertUseCases alerts) : ConsolePage
{
    public FloorAlerts Alerts { get; private set; } = new([], false);

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
        var open = await alerts.ListAsync(null, null, 0, AlertUseCases.DefaultPage, cancel);
        Alerts = new FloorAlerts(open.IsAccepted ? open.Value : [], IsOperator, open.Rejection?.Message);
        var refused = slots.Rejection ?? listed.Rejection;
        if (refused is not null)
        {
            LoadProblem = new ConsoleProblem("floor", null, 503, "Service unavailable", refused.Message, null);
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }
    }

    /// <summary>An operator acknowledges an alert (only operators may post: <see cref="ConsolePage"/>); back to the floor.</summary>
    public async Task<IActionResult> OnPostAcknowledgeAsync(string? alertId, CancellationToken cancel)
    {
        var acknowledged = await alerts.AcknowledgeAsync(alertId ?? "", "console", cancel);
        if (acknowledged.IsAccepted) return RedirectToPage();
        await OnGetAsync(cancel);
        Alerts = Alerts with { Problem = acknowledged.Rejection.Message };
        Response.StatusCode = acknowledged.Rejection.Code == ShowroomActors.Domain.Common.RejectionCode.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status503ServiceUnavailable;
        return Page();
    }
}
