using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Catalog;

/// <summary>A command for one product entity (<c>product-{productId}</c>).</summary>
public interface IProductCommand : IEntityCommand
{
    string ProductId { get; }
    string IEntityCommand.EntityId => ProductId;
}

/// <summary>Register a product. Repeating it with the same details is harmless; other details are a conflict.</summary>
public sealed record RegisterProduct(string ProductId, ProductDetails Details) : IProductCommand;

/// <summary>Receive <paramref name="Quantity"/> units of stock from batch <paramref name="Batch"/>; a batch is received once.</summary>
public sealed record ReceiveStock(string ProductId, int Quantity, string Batch) : IProductCommand;

/// <summary>Read the product. Answered with its <see cref="ProductView"/>, or a not-found rejection.</summary>
public sealed record GetProduct(string ProductId) : IProductCommand;

/// <summary>
/// A step of the stock reservation ledger, sent by an order (<see cref="OrderId"/>) to one product. Every step is
/// idempotent by order id: a repeat changes nothing and gets the same answer, so senders may retry freely.
/// Answered with <see cref="ReservationAnswer"/> or <see cref="ReservationRefused"/>.
/// </summary>
public interface IStockLedgerCommand : IProductCommand
{
    string OrderId { get; }
}

/// <summary>Hold <paramref name="Quantity"/> units for an order, at the product's current price.</summary>
public sealed record ReserveStock(string ProductId, string OrderId, int Quantity) : IStockLedgerCommand;

/// <summary>The order shipped: the held units leave the shelf (on hand and reserved both drop).</summary>
public sealed record CommitStock(string ProductId, string OrderId) : IStockLedgerCommand;

/// <summary>
/// The order was cancelled, expired, refunded or rejected: give the held units back. Releasing an order that
/// holds nothing here records that it is closed, so a reservation arriving late is refused, not held forever.
/// </summary>
public sealed record ReleaseStock(string ProductId, string OrderId) : IStockLedgerCommand;
