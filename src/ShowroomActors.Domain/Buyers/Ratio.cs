using System.Text.Json.Serialization;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Buyers;

/// <summary>
/// A share between 0 and 1, held exactly as basis points (1/10,000): 0.3 is 3000. Never a binary floating
/// point number, so money math on it is exact. JSON carries the decimal form (<c>0.3</c>).
/// </summary>
[JsonConverter(typeof(RatioJsonConverter))]
public readonly record struct Ratio : IComparable<Ratio>
{
    public const int Scale = 10_000;

    private Ratio(int basisPoints) => BasisPoints = basisPoints;

    public int BasisPoints { get; }

    public static Ratio FromBasisPoints(int basisPoints) =>
        basisPoints is >= 0 and <= Scale
            ? new Ratio(basisPoints)
            : throw new ArgumentOutOfRangeException(nameof(basisPoints), basisPoints, "A ratio lies between 0 and 10000 basis points.");

    /// <summary>The ratio of <paramref name="value"/>, or a rejection naming <paramref name="field"/>.</summary>
    public static Rejection? TryFrom(decimal value, string field, out Ratio ratio)
    {
        ratio = default;
        if (value is < 0m or > 1m)
            return Rejection.Invalid(field, $"'{field}' must be between 0 and 1 (e.g. 0.3 for 30%).");
        var basisPoints = value * Scale;
        if (basisPoints != decimal.Truncate(basisPoints))
            return Rejection.Invalid(field, $"'{field}' may have at most 4 decimal places (a basis point).");
        ratio = new Ratio((int)basisPoints);
        return null;
    }

    /// <summary>The exact decimal form, e.g. 0.3.</summary>
    public decimal ToDecimal() => (decimal)BasisPoints / Scale;

    /// <summary>The smallest whole number of fen that is at least this share of <paramref name="amount"/>.</summary>
    public Fen ShareOfRoundedUp(Fen amount)
    {
        if (amount.Value < 0) throw new ArgumentOutOfRangeException(nameof(amount), "Only shares of non-negative amounts are defined.");
        var scaled = (Int128)amount.Value * BasisPoints;
        var share = (scaled + Scale - 1) / Scale;
        return new Fen((long)share);
    }

    public int CompareTo(Ratio other) => BasisPoints.CompareTo(other.BasisPoints);

    public override string ToString() => ToDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
