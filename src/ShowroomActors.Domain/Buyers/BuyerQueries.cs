using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Buyers;

/// <summary>The answers to the read commands that need rules: each returns the answer or a rejection naming the field.</summary>
public static class BuyerQueries
{
    /// <summary>Answer to <see cref="GetQuota"/>: <see cref="QuotaFigures"/> of a budget unit, or a rejection.</summary>
    public static IShowroomMessage Quota(BuyerState state, int year, DateTimeOffset now)
    {
        if (!state.IsRegistered) return Rejection.NotFound($"Buyer '{state.BuyerId}' is not registered.", "buyerId");
        if (QuotaCalendar.CheckYear(year) is { } badYear) return badYear;
        return state.Details!.Kind switch
        {
            BuyerKind.BudgetUnit => QuotaFigures.Compute(year, state.PlanFor(year), state.TallyFor(year), now),
            BuyerKind.TradeUnion => Rejection.Unprocessable(
                $"A trade union has no quota of its own: its purchases count for its parent unit '{state.Details.ParentUnitId}'.", "buyerId"),
            _ => Rejection.Unprocessable($"Only budget units have a procurement quota; '{state.BuyerId}' is a {state.Details.Kind.ToText()}.", "buyerId"),
        };
    }

    /// <summary>Answer to <see cref="GetStatement"/>: a <see cref="PurchaseStatement"/>, or a rejection.</summary>
    public static IShowroomMessage Statement(BuyerState state, DateTimeOffset from, DateTimeOffset to)
    {
        if (!state.IsRegistered) return Rejection.NotFound($"Buyer '{state.BuyerId}' is not registered.", "buyerId");
        if (to <= from) return Rejection.Invalid("to", "'to' must come after 'from'.");
        return state.Details!.Kind switch
        {
            BuyerKind.BudgetUnit or BuyerKind.Enterprise => PurchaseStatement.Of(state, from, to),
            BuyerKind.TradeUnion => Rejection.Unprocessable(
                $"A trade union's purchases are kept by its parent unit '{state.Details.ParentUnitId}'.", "buyerId"),
            _ => Rejection.Unprocessable("Individuals' purchases are not kept in an account.", "buyerId"),
        };
    }
}
