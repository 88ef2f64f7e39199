using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Catalog;

/// <summary>What a product is: the fields an operator registers and a shelf screen shows.</summary>
public sealed record ProductDetails(
    string Name,
    string Category,
    string OriginCounty,
    string Supplier,
    bool CertifiedPovertyAlleviation,
    string? CertificateNo,
    Fen Price,
    int UnitWeightGrams,
    string Intro,
    string Story)
{
    public const int MaxUnitWeightGrams = 100_000;
    public const long MaxPriceFen = 100_000_000; // one million yuan: far above any shelf product

    /// <summary>The first broken rule, naming its field, or null when the details are valid.</summary>
    public Rejection? Validate()
    {
        return Text.Require(Name, "name", 200)
            ?? Text.Require(Category, "category", 64)
            ?? Text.Require(OriginCounty, "originCounty", 100)
            ?? Text.Require(Supplier, "supplier", 200)
            ?? (CertifiedPovertyAlleviation
                ? Text.Require(CertificateNo, "certificateNo", 64)
                : Text.Optional(CertificateNo, "certificateNo", 64))
            ?? (Price.Value is < 0 or > MaxPriceFen
                ? Rejection.Invalid("priceFen", $"'priceFen' must be between 0 and {MaxPriceFen}.")
                : null)
            ?? (UnitWeightGrams is <= 0 or > MaxUnitWeightGrams
                ? Rejection.Invalid("unitWeightGrams", $"'unitWeightGrams' must be between 1 and {MaxUnitWeightGrams}.")
                : null)
            ?? Text.Require(Intro, "intro", 2000)
            ?? Text.Require(Story, "story", 4000);
    }
}
