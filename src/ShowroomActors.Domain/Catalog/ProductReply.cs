using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Catalog;

/// <summary>
/// A product entity's answer to registering, receiving stock and reading: the product, or why not. The stock ledger
/// steps an order sends have their own answers (<see cref="IStockLedgerReply"/>).
/// </summary>
public abstract record ProductReply : IEntityReply
{
    private ProductReply()
    {
    }

    public Rejection? RejectionOrNull() => (this as Rejected)?.Rejection;

    /// <summary>The product after the command (or as it is, for a read).</summary>
    public sealed record Accepted(ProductView Product) : ProductReply;

    public sealed record Rejected(Rejection Rejection) : ProductReply;
}
