using ShowroomActors.Actors.Catalog;
using ShowroomActors.Domain.Catalog;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Application.Catalog;

/// <summary>
/// The catalog: registering products, receiving stock, reading one product (its entity, live) or all of them (the
/// catalog read model, which lags the journal by well under a second). Every answer carries the product's lift to buy.
/// </summary>
public sealed class CatalogUseCases(ActorGateway actors)
{
    public async Task<Outcome<CatalogEntry>> RegisterAsync(RegisterProduct command, CancellationToken cancel)
    {
        if (Ids.Check(command.ProductId, "productId") is { } invalid) return invalid;
        return await WithLiftToBuyAsync(await actors.AskAsync(command, cancel), cancel);
    }

    public async Task<Outcome<CatalogEntry>> ReceiveStockAsync(ReceiveStock command, CancellationToken cancel)
    {
        if (!Ids.IsValid(command.ProductId)) return NoSuchProduct(command.ProductId);
        return await WithLiftToBuyAsync(await actors.AskAsync(command, cancel), cancel);
    }

    public async Task<Outcome<CatalogEntry>> GetAsync(string productId, CancellationToken cancel) =>
        Ids.IsValid(productId)
            ? await WithLiftToBuyAsync(await actors.AskAsync(new GetProduct(productId), cancel), cancel)
            : NoSuchProduct(productId);

    /// <summary>Every registered product with stock and lift to buy, by id, from the catalog read model.</summary>
    public async Task<Outcome<IReadOnlyList<CatalogEntry>>> ListAsync(CancellationToken cancel)
    {
        var listing = await actors.AskCatalogAsync<CatalogView.CatalogListing>(new CatalogView.ListCatalog(), cancel);
        return listing is null ? ActorGateway.CatalogUnavailable : Outcome<IReadOnlyList<CatalogEntry>>.Of(listing.Products);
    }

    /// <summary>The product's lift to buy, from the catalog read model.</summary>
    public async Task<Outcome<LiftToBuy>> LiftToBuyAsync(string productId, CancellationToken cancel)
    {
        var figures = await actors.AskCatalogAsync<LiftToBuy>(new CatalogView.GetProductConversions(productId), cancel);
        return figures is null ? ActorGateway.CatalogUnavailable : figures;
    }

    private async Task<Outcome<CatalogEntry>> WithLiftToBuyAsync(ProductReply reply, CancellationToken cancel)
    {
        if (reply is not ProductReply.Accepted { Product: var product }) return reply.Refusal();
        return (await LiftToBuyAsync(product.ProductId, cancel)).Map(figures => new CatalogEntry(product, figures));
    }

    private static Rejection NoSuchProduct(string productId) => Rejection.NotFound($"Product '{productId}' is not registered.", "productId");
}
