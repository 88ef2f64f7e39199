using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using ShowroomActors.Application;
using ShowroomActors.Application.Orders;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Orders;

namespace ShowroomActors.Host.WebConsole.Pages;

/// <summary>
/// One order: its lines, where it stands, its timeline (from its events), and the lifecycle steps the operator may take
/// from here (pay, ship, deliver, inspect, cancel, refund) through the same use cases as the API. Each step is
/// idempotent as in the API: the same step again changes nothing, so sending a form twice is harmless.
/// </summary>
public sealed class OrderModel(OrderUseCases ordering) : ConsolePage
{
    /// <summary>Each step's title (English; the Chinese is in the console's texts).</summary>
    public static readonly IReadOnlyDictionary<string, string> StepTitles = new Dictionary<string, string>
    {
        ["pay"] = "Record payment",
        ["ship"] = "Ship",
        ["deliver"] = "Confirm delivery",
        ["inspect"] = "Inspect",
        ["cancel"] = "Cancel the order",
        ["refund"] = "Refund",
    };

    public OrderDetails? Details { get; private set; }
    public ConsoleProblem? LoadProblem { get; private set; }

    [BindProperty] public string? AmountYuan { get; set; }
    [BindProperty] public string? PaymentRef { get; set; }
    [BindProperty] public string? TrackingNo { get; set; }
    [BindProperty] public string? InvoiceNo { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(string orderId, CancellationToken cancel) => await LoadAsync(orderId, cancel);

    public async Task<IActionResult> OnPostPayAsync(string orderId, CancellationToken cancel)
    {
        if (!TryParseYuan(AmountYuan, out var amount))
        {
            await LoadAsync(orderId, cancel);
            return Refused(Rejection.Invalid("amountFen", "The amount must be in yuan with at most two decimals, e.g. 128.00."), "pay", "amountFen");
        }
        return await StepAsync(orderId, "pay", ordering.PayAsync(orderId, amount, Blank(PaymentRef), cancel), cancel, "amountFen", "paymentRef");
    }

    public Task<IActionResult> OnPostShipAsync(string orderId, CancellationToken cancel) =>
        StepAsync(orderId, "ship", ordering.ShipAsync(orderId, Blank(TrackingNo), cancel), cancel, "trackingNo");

    public Task<IActionResult> OnPostDeliverAsync(string orderId, CancellationToken cancel) =>
        StepAsync(orderId, "deliver", ordering.DeliverAsync(orderId, cancel), cancel);

    public Task<IActionResult> OnPostInspectAsync(string orderId, CancellationToken cancel) =>
        StepAsync(orderId, "inspect", ordering.InspectAsync(orderId, InvoiceNo?.Trim() ?? "", cancel), cancel, "invoiceNo");

    public Task<IActionResult> OnPostCancelAsync(string orderId, CancellationToken cancel) =>
        StepAsync(orderId, "cancel", ordering.CancelAsync(orderId, Blank(Reason), cancel), cancel, "reason");

    public Task<IActionResult> OnPostRefundAsync(string orderId, CancellationToken cancel) =>
        StepAsync(orderId, "refund", ordering.RefundAsync(orderId, Blank(Reason), cancel), cancel, "reason");

    /// <summary>Which steps the order's status allows now (the entity decides; a step it refuses shows its problem).</summary>
    public bool Allows(string step) => Details?.Order.Status switch
    {
        OrderStatus.Reserved => step is "pay" or "cancel",
        OrderStatus.Paid => step is "ship" or "cancel" or "refund",
        OrderStatus.Shipped => step is "deliver" or "refund",
        OrderStatus.Delivered => step is "inspect" or "refund",
        OrderStatus.Inspected => step is "refund",
        _ => false,
    };

    private async Task<IActionResult> StepAsync(string orderId, string form, Task<Outcome<OrderDetails>> step, CancellationToken cancel, params string[] fields)
    {
        var done = await step;
        if (!done.IsAccepted)
        {
            await LoadAsync(orderId, cancel);
            return Refused(done.Rejection, form, fields);
        }
        Details = done.Value;
        Done = form;
        return Page();
    }

    private async Task<IActionResult> LoadAsync(string orderId, CancellationToken cancel)
    {
        var read = await ordering.GetAsync(orderId, cancel);
        if (read.IsAccepted) Details = read.Value;
        else
        {
            var r = read.Rejection;
            LoadProblem = new ConsoleProblem("order", null, Http.Problems.StatusOf(r.Code), Http.Problems.TitleOf(r.Code), r.Message, r.Field);
            Response.StatusCode = LoadProblem.Status;
        }
        return Page();
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Yuan as typed (<c>128</c>, <c>128.5</c>, <c>128.50</c>) to fen; false for anything else.</summary>
    public static bool TryParseYuan(string? text, out Fen amount)
    {
        amount = Fen.Zero;
        if (!decimal.TryParse(text?.Trim().TrimStart('¥'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var yuan)) return false;
        var fen = yuan * 100;
        if (fen != decimal.Truncate(fen) || fen > long.MaxValue) return false;
        amount = new Fen((long)fen);
        return true;
    }
}
