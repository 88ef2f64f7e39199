namespace ShowroomActors.Domain.Common;

/// <summary>Small validation helpers for free text fields.</summary>
public static class Text
{
    /// <summary>A rejection when <paramref name="value"/> is blank or longer than <paramref name="max"/>, else null.</summary>
    public static Rejection? Require(string? value, string field, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
            return Rejection.Invalid(field, $"'{field}' is required.");
        return value.Length > max ? Rejection.Invalid(field, $"'{field}' must be at most {max} characters.") : null;
    }

    /// <summary>Like <see cref="Require"/> but an absent value is fine.</summary>
    public static Rejection? Optional(string? value, string field, int max) =>
        value is not null && value.Length > max ? Rejection.Invalid(field, $"'{field}' must be at most {max} characters.") : null;
}
