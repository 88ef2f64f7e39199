using System.Collections.Immutable;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Catalog;

/// <summary>
/// A product and its stock. <see cref="Available"/> = <see cref="OnHand"/> - <see cref="Reserved"/>, never negative.
/// Pure: <see cref="Decide"/> turns a command into events or a rejection; <see cref="Apply"/> folds one event in.
/// </summary>
public sealed record ProductState : IShowroomMessage
{
    /// <summary>Largest quantity accepted in one stock receipt.</summary>
    public const int MaxReceiptQuantity = 1_000_000;

    public string ProductId { get; init; } = "";
    public ProductDetails? Details { get; init; }
    public int OnHand { get; init; }
    public int Reserved { get; init; }
    /// <summary>Batches received so far with their quantities: a repeated receipt is recognised, not counted twice.</summary>
    public ImmutableSortedDictionary<string, int> Batches { get; init; } = ImmutableSortedDictionary<string, int>.Empty;

    public bool IsRegistered => Details is not null;
    public int Available => OnHand - Reserved;

    public static ProductState Empty(string productId) => new() { ProductId = productId };

    public static Decision<IProductEvent> Decide(ProductState state, IProductCommand command) => command switch
    {
        RegisterProduct c => Register(state, c),
        ReceiveStock c => Receive(state, c),
        _ => Rejection.Invalid("command", $"A product does not handle {command.GetType().Name}."),
    };

    private static Decision<IProductEvent> Register(ProductState state, RegisterProduct c)
    {
        if (Ids.Check(c.ProductId, "productId") is { } badId) return badId;
        if (c.Details.Validate() is { } invalid) return invalid;
        if (state.Details is null) return Decision<IProductEvent>.Accept(new ProductRegistered(c.ProductId, c.Details));
        return state.Details == c.Details
            ? Decision<IProductEvent>.Nothing()
            : Rejection.Conflict($"Product '{c.ProductId}' is already registered with other details.", "productId");
    }

    private static Decision<IProductEvent> Receive(ProductState state, ReceiveStock c)
    {
        if (!state.IsRegistered) return Rejection.NotFound($"Product '{c.ProductId}' is not registered.", "productId");
        if (c.Quantity is <= 0 or > MaxReceiptQuantity)
            return Rejection.Invalid("quantity", $"'quantity' must be between 1 and {MaxReceiptQuantity}.");
        if (Ids.Check(c.Batch, "batch") is { } badBatch) return badBatch;
        if (state.Batches.TryGetValue(c.Batch, out var earlier))
            return earlier == c.Quantity
                ? Decision<IProductEvent>.Nothing()
                : Rejection.Conflict($"Batch '{c.Batch}' was already received with quantity {earlier}.", "batch");
        if ((long)state.OnHand + c.Quantity > int.MaxValue)
            return Rejection.Invalid("quantity", "'quantity' would overflow the stock count.");
        return Decision<IProductEvent>.Accept(new StockReceived(c.ProductId, c.Batch, c.Quantity, state.OnHand + c.Quantity));
    }

    public static ProductState Apply(ProductState state, IProductEvent e) => e switch
    {
        ProductRegistered r => state with { ProductId = r.ProductId, Details = r.Details },
        StockReceived s => state with { OnHand = s.OnHandAfter, Batches = state.Batches.SetItem(s.Batch, s.Quantity) },
        _ => state,
    };
}
