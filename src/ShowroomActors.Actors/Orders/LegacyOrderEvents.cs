using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Orders;

namespace ShowroomActors.Actors.Orders;

/// <summary>
/// <c>order.reserved.v1</c>, as written before orders recorded each line's certification and the buyer's credit target.
/// Only read (journals keep it for ever): the serializer upcasts it to the current <see cref="OrderReserved"/> with every
/// line uncertified and no credit target, so such an order is never credited to a quota account.
/// </summary>
public sealed record OrderReservedV1(string OrderId, IReadOnlyList<PricedLine> Lines, Fen Total, DateTimeOffset ExpiresAt, DateTimeOffset At) : IDomainEvent
{
    public OrderReserved Upcast() => new(OrderId,
        Lines.Select(l => new ReservedLine(l.ProductId, l.Name, l.Quantity, l.UnitPrice, Certified: false)).ToList(),
        Total, ExpiresAt, CreditTarget: null, At);
}
