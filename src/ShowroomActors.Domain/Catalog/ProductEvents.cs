using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Catalog;

/// <summary>An event in a product's journal.</summary>
public interface IProductEvent : IDomainEvent;

/// <summary>The product was registered with these details.</summary>
public sealed record ProductRegistered(string ProductId, ProductDetails Details) : IProductEvent;

/// <summary>A batch of stock arrived. Carries the resulting on-hand count so projections need no lookup.</summary>
public sealed record StockReceived(string ProductId, string Batch, int Quantity, int OnHandAfter) : IProductEvent;
