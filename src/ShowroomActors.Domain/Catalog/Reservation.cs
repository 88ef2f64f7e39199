using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Catalog;

/// <summary>Where an order's entry in a product's reservation ledger stands.</summary>
public enum ReservationStatus
{
    /// <summary>Units held: counted in Reserved, not in Available.</summary>
    Reserved,
    /// <summary>Shipped: the units left on hand and reserved.</summary>
    Committed,
    /// <summary>Given back (or never held): closed, a late reservation for this order is refused.</summary>
    Released,
}

/// <summary>One order's entry in a product's reservation ledger.</summary>
public sealed record Reservation(int Quantity, Fen UnitPrice, ReservationStatus Status);
