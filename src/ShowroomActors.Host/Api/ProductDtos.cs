using ShowroomActors.Actors.Catalog;
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
    string? Story) : IRequestBody<RegisterProductRequest>
{
    public Rejection? Validate() => Required.Missing(("productId", ProductId), ("name", Name), ("category", Category),
        ("originCounty", OriginCounty), ("supplier", Supplier), ("certifiedPovertyAlleviation", CertifiedPovertyAlleviation),
        ("priceFen", PriceFen), ("unitWeightGrams", UnitWeightGrams), ("intro", Intro), ("story", Story));

    public RegisterProduct ToCommand() => new(ProductId!,
        new ProductDetails(Name!, Category!, OriginCounty!, Supplier!, CertifiedPovertyAlleviation!.Value, CertificateNo,
            new Fen(PriceFen!.Value), UnitWeightGrams!.Value, Intro!, Story!));
}

/// <summary>Body of <c>POST /api/v1/products/{productId}/stock</c>.</summary>
public sealed record ReceiveStockRequest(int? Quantity, string? Batch) : IRequestBody<ReceiveStockRequest>
{
    public Rejection? Validate() => Required.Missing(("quantity", Quantity), ("batch", Batch));

    public ReceiveStock ToCommand(string productId) => new(productId, Quantity!.Value, Batch!);
}

/// <summary>A product as the API shows it: the registered fields plus stock and lift to buy.</summary>
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
    /// Lift to buy: lifts on the slots that hold the product, placed orders that include it (any channel) and those of
    /// them placed from a slot's QR page, which are what the conversion rate counts.
    /// </summary>
    public static ProductResponse From(CatalogEntry entry)
    {
        var (p, liftToBuy) = (entry.Product, entry.LiftToBuy);
        var d = p.Details;
        return new ProductResponse(p.ProductId, d.Name, d.Category, d.OriginCounty, d.Supplier,
            d.CertifiedPovertyAlleviation, d.CertificateNo, d.Price.Value, d.UnitWeightGrams, d.Intro, d.Story,
            p.OnHand, p.Reserved, p.Available,
            liftToBuy.Lifts, liftToBuy.Orders, liftToBuy.QrOrders, liftToBuy.Rate);
    }
}
