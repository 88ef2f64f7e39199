using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Orders;

/// <summary>
/// A line of an order. <see cref="Name"/> and <see cref="UnitPrice"/> are the product's at reservation time
/// (null while the order is still reserving or when it was rejected).
/// </summary>
public sealed record OrderLine(string ProductId, int Quantity, string? Name = null, Fen? UnitPrice = null)
{
    public Fen? LineTotal => UnitPrice is { } price ? price * Quantity : null;
}

/// <summary>A reserved line as recorded when the whole order is reserved: the price the buyer pays.</summary>
public sealed record PricedLine(string ProductId, string Name, int Quantity, Fen UnitPrice)
{
    public Fen LineTotal => UnitPrice * Quantity;
}

/// <summary>One step in an order's history: when, which event, the status after it, and a short detail.</summary>
public sealed record OrderHistoryEntry(DateTimeOffset At, string Event, OrderStatus Status, string? Detail = null);
