using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Orders;

/// <summary>
/// An order entity's (or idempotency key's) answer: the order after a lifecycle step or a read, the settled placement,
/// or why not.
/// </summary>
public abstract record OrderReply : IEntityReply
{
    private OrderReply()
    {
    }

    public Rejection? RejectionOrNull() => (this as Rejected)?.Rejection;

    /// <summary>The order after the step, or as it is (<see cref="GetOrder"/>, pay, ship, …).</summary>
    public sealed record Viewed(OrderView Order) : OrderReply;

    /// <summary>The settled placement (<see cref="PlaceOrder"/>, <see cref="PlaceOrderOnce"/>): reserved, or rejected holding nothing.</summary>
    public sealed record Placement(OrderPlacementResult Result) : OrderReply;

    public sealed record Rejected(Rejection Rejection) : OrderReply;
}
