namespace ShowroomActors.Domain.Catalog;

/// <summary>
/// A registered product as readers see it: its details and stock. Not the state: the batches received and the
/// reservation ledger (one entry per order that ever held stock) stay inside the entity.
/// </summary>
public sealed record ProductView(string ProductId, ProductDetails Details, int OnHand, int Reserved, int Available)
{
    /// <summary>The view of a registered product's state.</summary>
    public static ProductView Of(ProductState state) => new(
        state.ProductId,
        state.Details ?? throw new InvalidOperationException($"Product '{state.ProductId}' is not registered."),
        state.OnHand,
        state.Reserved,
        state.Available);
}
