using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using ShowroomActors.Actors.Catalog;
using ShowroomActors.Application.Catalog;
using ShowroomActors.Application.Shelves;
using ShowroomActors.Domain.Catalog;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Host.WebConsole.Pages;

/// <summary>
/// Catalog and stock: every product with its stock, reservations and lift to buy (the catalog read model), and the
/// operator's two writes, receiving stock and putting a product on a slot, through the same use cases as the API.
/// </summary>
public sealed class CatalogModel(CatalogUseCases catalog, ShelfUseCases shelves) : ConsolePage
{
    public const string StockForm = "stock";
    public const string BindForm = "bind";

    public IReadOnlyList<CatalogEntry> Products { get; private set; } = [];
    public ConsoleProblem? ListProblem { get; private set; }

    [BindProperty] public StockInput Stock { get; set; } = new();
    [BindProperty] public BindInput Bind { get; set; } = new();

    public async Task OnGetAsync(string? product, CancellationToken cancel)
    {
        Stock.ProductId ??= product;
        Bind.ProductId ??= product;
        await LoadAsync(cancel);
    }

    public async Task<IActionResult> OnPostReceiveStockAsync(CancellationToken cancel)
    {
        await LoadAsync(cancel);
        if (!int.TryParse(Stock.Quantity, NumberStyles.None, CultureInfo.InvariantCulture, out var quantity))
            return Refused(Rejection.Invalid("quantity", "'quantity' must be a whole number between 1 and 1000000."), StockForm, "quantity");
        var received = await catalog.ReceiveStockAsync(new ReceiveStock(Stock.ProductId ?? "", quantity, Stock.Batch ?? ""), cancel);
        if (!received.IsAccepted) return Refused(received.Rejection, StockForm, "productId", "quantity", "batch");
        // The page answers the POST itself (no redirect): the listing comes from the catalog read model, which may not
        // have taken this receipt in yet, so the product's row shows the state the product entity replied with.
        // Sending the form again is harmless: the same batch and quantity is the same receipt.
        Show(received.Value);
        Done = $"stock:{received.Value.Product.ProductId}:{received.Value.Product.OnHand}";
        return Page();
    }

    public async Task<IActionResult> OnPostBindSlotAsync(CancellationToken cancel)
    {
        await LoadAsync(cancel);
        var deviceId = string.IsNullOrWhiteSpace(Bind.DeviceId) ? null : Bind.DeviceId.Trim();
        var deviceKey = string.IsNullOrEmpty(Bind.DeviceKey) ? null : Bind.DeviceKey;
        var bound = await shelves.BindSlotAsync(Bind.SlotId?.Trim() ?? "", Bind.ProductId ?? "", deviceId, deviceKey, cancel);
        if (!bound.IsAccepted) return Refused(bound.Rejection, BindForm, "slotId", "productId", "deviceId", "deviceKey");
        Done = $"bound:{bound.Value.Slot.SlotId}:{bound.Value.Slot.Product.ProductId}";
        return Page();
    }

    private void Show(CatalogEntry fresh) =>
        Products = Products.Select(entry => entry.Product.ProductId == fresh.Product.ProductId ? fresh : entry).ToList();

    private async Task LoadAsync(CancellationToken cancel)
    {
        var listed = await catalog.ListAsync(cancel);
        if (listed.IsAccepted) Products = listed.Value;
        else ListProblem = new ConsoleProblem("list", null, 503, "Service unavailable", listed.Rejection.Message, null);
    }

    public sealed class StockInput
    {
        public string? ProductId { get; set; }
        public string? Quantity { get; set; }
        public string? Batch { get; set; }
    }

    public sealed class BindInput
    {
        public string? SlotId { get; set; }
        public string? ProductId { get; set; }
        public string? DeviceId { get; set; }
        public string? DeviceKey { get; set; }
    }
}
