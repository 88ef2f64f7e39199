using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Orders;

/// <summary>The order as its placement answered it: reserved, with the prices and total the buyer pays.</summary>
public sealed record OrderSummary(string OrderId, OrderStatus Status, Fen Total, DateTimeOffset ExpiresAt, IReadOnlyList<PricedLine> Lines);

/// <summary>
/// The settled answer to placing an order: <see cref="Order"/> when every line is reserved, else the
/// <see cref="Rejection"/> (the order exists, rejected, and holds nothing). Fixed once settled, so it can be replayed.
/// </summary>
public sealed record OrderPlacementResult(string OrderId, OrderSummary? Order, Rejection? Rejection) : IShowroomMessage;
