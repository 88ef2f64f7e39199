using ShowroomActors.Domain.Catalog;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Shelves;

/// <summary>
/// The copy of a product a slot keeps: what its screen shows plus the unit weight its load cell needs. Taken from
/// the product entity when the slot is bound, and carried in the bind event, so screens and projections never
/// look the product up.
/// </summary>
public sealed record SlotProduct(
    string ProductId,
    string Name,
    string Intro,
    string OriginCounty,
    string Supplier,
    string Story,
    long PriceFen,
    string? CertificateNo,
    int UnitWeightGrams)
{
    public static SlotProduct From(string productId, ProductDetails details) => new(
        productId, details.Name, details.Intro, details.OriginCounty, details.Supplier, details.Story,
        details.Price.Value, details.CertificateNo, details.UnitWeightGrams);

    /// <summary>The first broken rule, or null.</summary>
    public Rejection? Validate() =>
        Ids.Check(ProductId, "productId")
        ?? Text.Require(Name, "name", 200)
        ?? (UnitWeightGrams is <= 0 or > ProductDetails.MaxUnitWeightGrams
            ? Rejection.Invalid("unitWeightGrams", $"The product's unit weight must be between 1 and {ProductDetails.MaxUnitWeightGrams} g.")
            : null);
}
