using Akka.Actor;
using ShowroomActors.Actors;
using ShowroomActors.Actors.Catalog;
using ShowroomActors.Domain.Shelves;
using ShowroomActors.Domain.Catalog;
using ShowroomActors.Domain.Common;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.Api;

/// <summary>Body of <c>POST /api/v1/products</c>. Nullable so a missing field is reported by name.</summary>
public sealed record RegisterProductRequest(
    string? ProductId,
    string? Name,
    string? Category,
    string? OriginCounty,
    string? Supplier,
    bool? CertifiedPovertyAlleviation,
    string? CertificateNo,
    long? PriceFen,
    int? UnitWeightGrams,
    string? Intro,
    string? Story)
{
    public RegisterProduct ToCommand() => new(
        RequestJson.Required(ProductId, "productId"),
        new ProductDetails(
            RequestJson.Required(Name, "name"),
            RequestJson.Required(Category, "category"),
            RequestJson.Required(OriginCounty, "originCounty"),
            RequestJson.Required(Supplier, "supplier"),
            RequestJson.Required(CertifiedPovertyAlleviation, "certifiedPovertyAlleviation"),
            CertificateNo,
            new Fen(RequestJson.Required(PriceFen, "priceFen")),
            RequestJson.Required(UnitWeightGrams, "unitWeightGrams"),
            RequestJson.Required(Intro, "intro"),
            RequestJson.Required(Story, "story")));
}

/// <summary>Body of <c>POST /api/v1/products/{productId}/stock</c>.</summary>
public sealed record ReceiveStockRequest(int? Quantity, string? Batch);

/// <summary>A product as the API shows it: the registered fields plus stock.</summary>
public sealed record ProductResponse(
    string ProductId,
    string Name,
    string Category,
    string OriginCounty,
    string Supplier,
    bool CertifiedPovertyAlleviation,
    string? CertificateNo,
    long PriceFen,
    int UnitWeightGrams,
    string Intro,
    string Story,
    int OnHand,
    int Reserved,
    int Available,
    int Lifts,
    int Orders,
    int QrOrders,
    decimal? ConversionRate)
{
    /// <summary>
    /// <paramref name="liftToBuy"/>: lifts on the slots that hold the product, placed orders that include it (any
    /// channel) and those of them placed from a slot's QR page, which are what the conversion rate counts.
    /// </summary>
    public static ProductResponse From(ProductState state, LiftToBuy liftToBuy)
    {
        var d = state.Details ?? throw new InvalidOperationException($"Product '{state.ProductId}' is not registered.");
        return new ProductResponse(state.ProductId, d.Name, d.Category, d.OriginCounty, d.Supplier,
            d.CertifiedPovertyAlleviation, d.CertificateNo, d.Price.Value, d.UnitWeightGrams, d.Intro, d.Story,
            state.OnHand, state.Reserved, state.Available,
            liftToBuy.Lifts, liftToBuy.Orders, liftToBuy.QrOrders, Conversion.Rate(liftToBuy.QrOrders, liftToBuy.Lifts));
    }
}

/// <summary>A product's lift-to-buy figures.</summary>
public sealed record LiftToBuy(int Lifts, int Orders, int QrOrders)
{
    /// <summary>
    /// Orders from the conversion index; lifts added up from the slots that hold the product now (asked live, so a
    /// slot's count is exact; the index only says which slots to ask).
    /// </summary>
    public static async Task<LiftToBuy> ReadAsync(ShowroomSystem showroom, string productId, CancellationToken cancel)
    {
        var index = await showroom.Conversions.Ask<ConversionIndex.ProductConversions>(
            new ConversionIndex.GetProductConversions(productId), showroom.AskTimeout, cancel);
        var lifts = 0;
        foreach (var slotId in index.SlotIds)
            if (await showroom.AskAsync(showroom.Slots, new GetSlot(slotId), cancel) is SlotState { Product.ProductId: var held } slot && held == productId)
                lifts += slot.Lifts;
        return new LiftToBuy(lifts, index.Orders, index.QrOrders);
    }
}
