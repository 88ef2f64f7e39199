using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Orders;

/// <summary>
/// How long an order's reservation holds and how large one order may be. Anyone may order without an account, so an
/// anonymous order (no buyer account) is capped lower than one for an account, and an anonymous order from a shelf's QR
/// code holds its stock for less time: someone scanning codes cannot keep the shelves reserved for long.
/// </summary>
public sealed record OrderPolicy(TimeSpan Hold, TimeSpan AnonymousQrHold, OrderLimits Anonymous, OrderLimits Account)
{
    /// <summary>Every order held for <paramref name="hold"/>, none capped (beyond the request's own rules).</summary>
    public static OrderPolicy Holding(TimeSpan hold) => new(hold, hold, OrderLimits.None, OrderLimits.None);

    public TimeSpan HoldFor(OrderRequest request) =>
        request is { BuyerId: null, Channel: OrderChannel.Qr } ? AnonymousQrHold : Hold;

    public OrderLimits LimitsFor(OrderRequest request) => request.BuyerId is null ? Anonymous : Account;

    /// <summary>A rejection (422 naming <c>lines</c>) when the request asks for more units than one order may hold.</summary>
    public Rejection? CheckUnits(OrderRequest request)
    {
        var limits = LimitsFor(request);
        var units = request.Lines.Sum(l => (long)l.Quantity);
        return units > limits.MaxUnits
            ? Rejection.Unprocessable($"One {Kind(request)} order may hold at most {limits.MaxUnits} units; this one asks for {units}.", "lines")
            : null;
    }

    /// <summary>A rejection (422 naming <c>lines</c>) when the reserved order is worth more than one order may be.</summary>
    public Rejection? CheckValue(OrderRequest request, Fen total)
    {
        var limits = LimitsFor(request);
        return total > limits.MaxValue
            ? Rejection.Unprocessable($"One {Kind(request)} order may be worth at most {limits.MaxValue.Value} fen; this one is {total.Value} fen.", "lines")
            : null;
    }

    private static string Kind(OrderRequest request) => request.BuyerId is null ? "anonymous" : "account's";
}

/// <summary>The most units and value one order may hold.</summary>
public sealed record OrderLimits(long MaxUnits, Fen MaxValue)
{
    public static readonly OrderLimits None = new(long.MaxValue, new Fen(long.MaxValue));
}
