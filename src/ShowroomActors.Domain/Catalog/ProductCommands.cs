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

/// <summary>Read the product. Answered with the state, or a not-found rejection.</summary>
public sealed record GetProduct(string ProductId) : IProductCommand;
