using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using ShowroomActors.Actors.Catalog;
using ShowroomActors.Application.Alerts;
using ShowroomActors.Application.Catalog;
using ShowroomActors.Application.Shelves;
using ShowroomActors.Domain.Buyers;

namespace ShowroomActors.Host.WebConsole.Pages;

/// <summary>
/// The live floor: every slot as a tile, laid out by shelf (lifted now or idle, the product, the items the load cell
/// counts, the device's state), kept live by <c>/console/floor/stream</c>; the unresolved alerts, kept live by
/// <c>/console/alerts/stream</c>, which operators acknowledge here (a form with the antiforgery token, through the same
/// use case as the API); lift to buy per product; and the lift heatmap of a day (<c>?day=yyyy-MM-dd</c>, China
/// Standard Time; today by default).
/// </summary>
public sealed class FloorModel(ShelfUseCases shelves, CatalogUseCases catalog, AlertUseCases alerts, TimeProvider clock) : ConsolePage
{
    public FloorAlerts Alerts { get; private set; } = new([], false);

    public IReadOnlyList<IGrouping<string, FloorTile>> Shelves { get; private set; } = [];
    public IReadOnlyList<CatalogEntry> Products { get; private set; } = [];
    public ConsoleProblem? LoadProblem { get; private set; }
    public LiftHeatmap? Heatmap { get; private set; }
    /// <summary>Today in China Standard Time: the heatmap offers no later day.</summary>
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(string? day, CancellationToken cancel)
    {
        Today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(QuotaCalendar.Offset).DateTime);
        var shown = DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asked) && asked <= Today ? asked : Today;
        var slots = await shelves.ListAsync(cancel);
        var listed = await catalog.ListAsync(cancel);
        var heatmap = await shelves.LiftHeatmapAsync(shown, cancel);
        if (heatmap.IsAccepted) Heatmap = heatmap.Value;
        if (slots.IsAccepted)
            Shelves = slots.Value.Select(FloorTile.From).OrderBy(t => t.SlotId, StringComparer.Ordinal)
                .GroupBy(t => t.Shelf, StringComparer.Ordinal).ToList();
        if (listed.IsAccepted) Products = listed.Value;
        var open = await alerts.ListAsync(null, null, 0, AlertUseCases.DefaultPage, cancel);
        Alerts = new FloorAlerts(open.IsAccepted ? open.Value : [], IsOperator, open.Rejection?.Message);
        var refused = slots.Rejection ?? listed.Rejection ?? heatmap.Rejection;
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
        await OnGetAsync(null, cancel);
        Alerts = Alerts with { Problem = acknowledged.Rejection.Message };
        Response.StatusCode = acknowledged.Rejection.Code == ShowroomActors.Domain.Common.RejectionCode.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status503ServiceUnavailable;
        return Page();
    }
}
