using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Catalog;

/// <summary>An event in a product's journal.</summary>
public interface IProductEvent : IDomainEvent;

/// <summary>The product was registered with these details.</summary>
public sealed record ProductRegistered(string ProductId, ProductDetails Details) : IProductEvent;

/// <summary>A batch of stock arrived. Carries the resulting on-hand count so projections need no lookup.</summary>
public sealed record StockReceived(string ProductId, string Batch, int Quantity, int OnHandAfter) : IProductEvent;

/// <summary>Units held for an order at <paramref name="UnitPrice"/>, the price the order pays. Ledger entry.</summary>
public sealed record StockReserved(string ProductId, string OrderId, int Quantity, Fen UnitPrice, int ReservedAfter) : IProductEvent;

/// <summary>An order's held units shipped: the compensating ledger entry that takes them off the shelf.</summary>
public sealed record ReservationCommitted(string ProductId, string OrderId, int Quantity, int OnHandAfter, int ReservedAfter) : IProductEvent;

/// <summary>An order's held units went back to available (<paramref name="Quantity"/> 0: it held none, now closed).</summary>
public sealed record ReservationReleased(string ProductId, string OrderId, int Quantity, int ReservedAfter) : IProductEvent;
