using System.Text.RegularExpressions;

namespace ShowroomActors.Domain.Common;

/// <summary>Rules for the ids clients choose (products, slots, devices, buyers): short, URL- and log-safe.</summary>
public static partial class Ids
{
    public const int MaxLength = 64;

    // \A and \z, not ^ and $: "$" also matches before a final newline, which let "rice\n" through as a look-alike id.
    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9._-]{0,63}\z")]
    private static partial Regex Pattern();

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    /// <summary>A rejection naming <paramref name="field"/> when <paramref name="id"/> breaks the rule, else null.</summary>
    public static Rejection? Check(string? id, string field) =>
        IsValid(id)
            ? null
            : Rejection.Invalid(field, $"'{field}' must be 1-64 characters of letters, digits, '.', '_' or '-', starting with a letter or digit.");
}
