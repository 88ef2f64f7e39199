using ShowroomActors.Application.Orders;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Orders;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.Api;

/// <summary>Body of <c>POST /api/v1/orders</c>. Nullable so a missing field is reported by name.</summary>
public sealed record PlaceOrderRequest(string? BuyerId, string? Channel, string? SlotId, List<PlaceOrderLineRequest?>? Lines)
    : IRequestBody<PlaceOrderRequest>
{
    /// <summary>The first missing field (e.g. <c>lines[1].quantity</c>) or unknown channel; the use case checks the rest.</summary>
    public Rejection? Validate()
    {
        if (Required.Missing(("channel", Channel)) is { } missing) return missing;
        if (Channel is not ("qr" or "web")) return Rejection.Invalid("channel", "'channel' must be 'qr' or 'web'.");
        if (Lines is null) return Rejection.Invalid("lines", "'lines' is required.");
        for (var i = 0; i < Lines.Count; i++)
        {
            if (Lines[i] is not { } line) return Rejection.Invalid($"lines[{i}]", $"'lines[{i}]' must be an object.");
            if (Required.Missing(($"lines[{i}].quantity", line.Quantity), ($"lines[{i}].productId", line.ProductId)) is { } missingLine) return missingLine;
        }
        return null;
    }

    public OrderRequest ToDomain() => new(BuyerId, Channel == "qr" ? OrderChannel.Qr : OrderChannel.Web, SlotId,
        // Out-of-range numbers stay out of range (and are refused by the domain rule naming the line).
        Lines!.Select(l => new OrderLineRequest(l!.ProductId!, (int)Math.Clamp(l.Quantity!.Value, int.MinValue, int.MaxValue))).ToList());
}

public sealed record PlaceOrderLineRequest(string? ProductId, long? Quantity);

/// <summary>Body of <c>POST /api/v1/orders/{orderId}/pay</c>: a payment notification.</summary>
public sealed record PayOrderRequest(long? AmountFen, string? PaymentRef) : IRequestBody<PayOrderRequest>
{
    public Rejection? Validate() => Required.Missing(("amountFen", AmountFen));
}

/// <summary>Optional body of <c>/ship</c>.</summary>
public sealed record ShipOrderRequest(string? TrackingNo) : IRequestBody<ShipOrderRequest>
{
    public static ShipOrderRequest? Absent { get; } = new((string?)null);

    public Rejection? Validate() => null;
}

/// <summary>Body of <c>/inspect</c>: receipt confirmed, with the invoice number.</summary>
public sealed record InspectOrderRequest(string? InvoiceNo) : IRequestBody<InspectOrderRequest>
{
    public Rejection? Validate() => Required.Missing(("invoiceNo", InvoiceNo));
}

/// <summary>Optional body of <c>/cancel</c> and <c>/refund</c>.</summary>
public sealed record ReasonRequest(string? Reason) : IRequestBody<ReasonRequest>
{
    public static ReasonRequest? Absent { get; } = new((string?)null);

    public Rejection? Validate() => null;
}

public sealed record OrderLineResponse(string ProductId, string? Name, int Quantity, long? UnitPriceFen, long? LineTotalFen);

/// <summary>The 201 answer of a placement (and its replays): <c>{orderId, status, totalFen, expiresAt, lines}</c>.</summary>
public sealed record OrderPlacedResponse(string OrderId, OrderStatus Status, long TotalFen, DateTimeOffset ExpiresAt, IReadOnlyList<OrderLineResponse> Lines)
{
    public static OrderPlacedResponse From(OrderSummary order) => new(order.OrderId, order.Status, order.Total.Value, order.ExpiresAt,
        order.Lines.Select(l => new OrderLineResponse(l.ProductId, l.Name, l.Quantity, l.UnitPrice.Value, l.LineTotal.Value)).ToList());
}

public sealed record OrderRejectionResponse(RejectionCode Code, string Detail, string? Field);

public sealed record OrderHistoryResponse(DateTimeOffset At, string Event, OrderStatus Status, string? Detail);

/// <summary>A line of <c>GET /api/v1/orders/{orderId}</c>: the placement's line plus whether its product was certified when reserved.</summary>
public sealed record OrderLineDetailResponse(string ProductId, string? Name, int Quantity, long? UnitPriceFen, long? LineTotalFen, bool? Certified);

/// <summary>One update of the buyer's quota account made due by the order: what, when, and how the account answered.</summary>
public sealed record QuotaUpdateResponse(string Update, DateTimeOffset At, long? CertifiedFen, long? TotalFen, string Outcome, string? Status, string? Refusal);

/// <summary>Where the order's purchases are credited (the buyer account's answer at placement) and the updates sent there.</summary>
public sealed record OrderQuotaResponse(string BuyerKind, string CreditedTo, string? CreditedVia, IReadOnlyList<QuotaUpdateResponse> Updates)
{
    public static OrderQuotaResponse? From(OrderView s) => s.CreditTarget is not { } target
        ? null
        : new OrderQuotaResponse(target.Kind.ToText(), target.AccountId, target.ViaUnionId, s.QuotaUpdates.Select(u => new QuotaUpdateResponse(
            u.Kind == QuotaUpdateKind.Credit ? "credit" : "reversal",
            u.At,
            u.Kind == QuotaUpdateKind.Credit ? u.CertifiedFen.Value : null,
            u.Kind == QuotaUpdateKind.Credit ? u.TotalFen.Value : null,
            u.Outcome switch { QuotaUpdateOutcome.Pending => "pending", QuotaUpdateOutcome.Acknowledged => "acknowledged", _ => "refused" },
            u.Status is { } status ? OrderState.CreditStatusText(status) : null,
            u.Refusal?.Message)).ToList());
}

/// <summary>An order as <c>GET /api/v1/orders/{orderId}</c> and the operator steps show it.</summary>
public sealed record OrderResponse(
    string OrderId,
    OrderStatus Status,
    string? BuyerId,
    OrderChannel Channel,
    string? SlotId,
    long TotalFen,
    long PaidFen,
    long RefundedFen,
    DateTimeOffset? PlacedAt,
    DateTimeOffset? ExpiresAt,
    string? PaymentRef,
    string? TrackingNo,
    string? InvoiceNo,
    string? CancelReason,
    OrderRejectionResponse? Rejection,
    LedgerStep Stock,
    IReadOnlyList<OrderLineDetailResponse> Lines,
    OrderQuotaResponse? Quota,
    IReadOnlyList<OrderHistoryResponse> History)
{
    public static OrderResponse From(OrderDetails details)
    {
        var (s, history) = (details.Order, details.History);
        var request = s.Request;
        return new OrderResponse(s.OrderId, s.Status, request.BuyerId, request.Channel, request.SlotId, s.Total.Value, s.Paid.Value,
            s.Refunded.Value, s.PlacedAt, s.ExpiresAt, s.PaymentRef, s.TrackingNo, s.InvoiceNo, s.CancelReason,
            s.Rejection is { } r ? new OrderRejectionResponse(r.Code, r.Message, r.Field) : null,
            s.Ledger,
            s.Lines.Select(l => new OrderLineDetailResponse(l.ProductId, l.Name, l.Quantity, l.UnitPrice?.Value, l.LineTotal?.Value, l.Certified)).ToList(),
            OrderQuotaResponse.From(s),
            history.Select(h => new OrderHistoryResponse(h.At, h.Event, h.Status, h.Detail)).ToList());
    }
}
