namespace ShowroomActors.Domain.Common;

/// <summary>An amount of money in fen (1/100 yuan). Never a floating-point number.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(FenJsonConverter))]
public readonly record struct Fen(long Value) : IComparable<Fen>
{
    public static readonly Fen Zero = new(0);

    public static Fen operator +(Fen a, Fen b) => new(checked(a.Value + b.Value));
    public static Fen operator -(Fen a, Fen b) => new(checked(a.Value - b.Value));
    public static Fen operator *(Fen a, long times) => new(checked(a.Value * times));
    public static bool operator <(Fen a, Fen b) => a.Value < b.Value;
    public static bool operator >(Fen a, Fen b) => a.Value > b.Value;
    public static bool operator <=(Fen a, Fen b) => a.Value <= b.Value;
    public static bool operator >=(Fen a, Fen b) => a.Value >= b.Value;

    public int CompareTo(Fen other) => Value.CompareTo(other.Value);

    /// <summary>Yuan with two decimals, e.g. "68.00", for people; the API carries fen.</summary>
    public override string ToString() =>
        (Value / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}
