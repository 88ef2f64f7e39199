using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Orders;

/// <summary>
/// A line of an order. <see cref="Name"/>, <see cref="UnitPrice"/> and <see cref="Certified"/> are the product's at
/// reservation time (null while the order is still reserving, when it was rejected, or, for <see cref="Certified"/>,
/// when it was reserved before orders recorded certification).
/// </summary>
public sealed record OrderLine(string ProductId, int Quantity, string? Name = null, Fen? UnitPrice = null, bool? Certified = null)
{
    public Fen? LineTotal => UnitPrice is { } price ? price * Quantity : null;

    /// <summary>What the quota tally needs of the line: its amount and whether its product was certified (unknown counts as not).</summary>
    public OrderLineValue Value => new(LineTotal ?? Fen.Zero, Certified ?? false);
}

/// <summary>A reserved line as the placement answers it: the price the buyer pays.</summary>
public sealed record PricedLine(string ProductId, string Name, int Quantity, Fen UnitPrice)
{
    public Fen LineTotal => UnitPrice * Quantity;
}

/// <summary>
/// A line as recorded when the whole order is reserved: the product's name, its price (what the buyer pays) and whether
/// it was a certified poverty-alleviation product, all as the product answered at reservation time.
/// </summary>
public sealed record ReservedLine(string ProductId, string Name, int Quantity, Fen UnitPrice, bool Certified)
{
    public Fen LineTotal => UnitPrice * Quantity;
}

/// <summary>One step in an order's history: when, which event, the status after it, and a short detail.</summary>
public sealed record OrderHistoryEntry(DateTimeOffset At, string Event, OrderStatus Status, string? Detail = null);
