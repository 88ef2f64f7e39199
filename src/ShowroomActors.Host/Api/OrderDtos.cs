using ShowroomActors.Application.Orders;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Orders;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.Api;

/// <summary>Body of <c>POST /api/v1/orders</c>. Nullable so a missing field is reported by name.</summary>
public sealed record PlaceOrderRequest(string? BuyerId, string? Channel, string? SlotId, List<PlaceOrderLineRequest?>? Lines)
{
    /// <summary>The domain request (validated by the use case), or a 400 problem naming the first missing field (e.g. <c>lines[1].quantity</c>).</summary>
    public OrderRequest ToDomain()
    {
        var channel = RequestJson.Required(Channel, "channel") switch
        {
            "qr" => OrderChannel.Qr,
            "web" => OrderChannel.Web,
            _ => throw new ProblemException(Problems.BadRequest("channel", "'channel' must be 'qr' or 'web'.")),
        };
        var lines = RequestJson.Required(Lines, "lines").Select((line, i) =>
        {
            if (line is null) throw new ProblemException(Problems.BadRequest($"lines[{i}]", $"'lines[{i}]' must be an object."));
            var quantity = RequestJson.Required(line.Quantity, $"lines[{i}].quantity");
            // Out-of-range numbers stay out of range (and are refused by the domain rule naming the line).
            return new OrderLineRequest(RequestJson.Required(line.ProductId, $"lines[{i}].productId"),
                (int)Math.Clamp(quantity, int.MinValue, int.MaxValue));
        }).ToList();
        return new OrderRequest(BuyerId, channel, SlotId, lines);
    }
}

public sealed record PlaceOrderLineRequest(string? ProductId, long? Quantity);

/// <summary>Body of <c>POST /api/v1/orders/{orderId}/pay</c>: a payment notification.</summary>
public sealed record PayOrderRequest(long? AmountFen, string? PaymentRef);

/// <summary>Optional body of <c>/ship</c>.</summary>
public sealed record ShipOrderRequest(string? TrackingNo);

/// <summary>Body of <c>/inspect</c>: receipt confirmed, with the invoice number.</summary>
public sealed record InspectOrderRequest(string? InvoiceNo);

/// <summary>Optional body of <c>/cancel</c> and <c>/refund</c>.</summary>
public sealed record ReasonRequest(string? Reason);

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
