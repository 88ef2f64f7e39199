using System.Text.Json.Serialization;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Buyers;

/// <summary>What kind of buyer an account belongs to. Written as in the API: <c>budget-unit</c>, <c>trade-union</c>, ….</summary>
public enum BuyerKind
{
    [JsonStringEnumMemberName("individual")] Individual,
    /// <summary>A government budget unit (agency, hospital, school): has annual plans and a reserved-share quota.</summary>
    [JsonStringEnumMemberName("budget-unit")] BudgetUnit,
    /// <summary>A unit's trade union: buys with union funds; its purchases count for its parent budget unit.</summary>
    [JsonStringEnumMemberName("trade-union")] TradeUnion,
    /// <summary>An enterprise that "buys instead of donating" (以购代捐) and needs a statement of its purchases.</summary>
    [JsonStringEnumMemberName("enterprise")] Enterprise,
}

/// <summary>The API spelling of <see cref="BuyerKind"/>.</summary>
public static class BuyerKinds
{
    public static string ToText(this BuyerKind kind) => kind switch
    {
        BuyerKind.Individual => "individual",
        BuyerKind.BudgetUnit => "budget-unit",
        BuyerKind.TradeUnion => "trade-union",
        BuyerKind.Enterprise => "enterprise",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Parses the API spelling; a rejection naming <paramref name="field"/> for anything else.</summary>
    public static Rejection? TryParse(string? text, string field, out BuyerKind kind)
    {
        foreach (var candidate in Enum.GetValues<BuyerKind>())
        {
            if (candidate.ToText() != text) continue;
            kind = candidate;
            return null;
        }

        kind = default;
        return Rejection.Invalid(field, $"'{field}' must be one of individual, budget-unit, trade-union, enterprise.");
    }
}
