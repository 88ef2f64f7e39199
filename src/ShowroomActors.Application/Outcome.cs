using System.Diagnostics.CodeAnalysis;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Application;

/// <summary>
/// What a use case answers: its <see cref="Value"/>, or the <see cref="Rejection"/> that stopped it (naming the
/// offending field). Nothing is thrown for a refusal: callers match on <see cref="IsAccepted"/>.
/// </summary>
public sealed class Outcome<T> where T : notnull
{
    private Outcome(T? value, Rejection? rejection)
    {
        Value = value;
        Rejection = rejection;
    }

    public T? Value { get; }
    public Rejection? Rejection { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsAccepted => Rejection is null;

    /// <summary>Accepted with <paramref name="value"/> (the implicit conversions do the same, but C# allows none from an interface type).</summary>
    public static Outcome<T> Of(T value) => new(value, null);

    public static implicit operator Outcome<T>(T value) => new(value, null);
    public static implicit operator Outcome<T>(Rejection rejection) => new(default, rejection);

    /// <summary>The accepted value mapped by <paramref name="map"/>, or the same rejection.</summary>
    public Outcome<TOut> Map<TOut>(Func<T, TOut> map) where TOut : notnull => IsAccepted ? map(Value) : Rejection;
}
