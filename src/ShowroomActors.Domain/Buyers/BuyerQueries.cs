using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Buyers;

/// <summary>The answers to the read commands that need rules: each returns the answer or a rejection naming the field.</summary>
public static class BuyerQueries
{
    /// <summary>Answer to <see cref="GetQuota"/>: the <see cref="QuotaFigures"/> of a budget unit, or a rejection.</summary>
    public static BuyerReply Quota(BuyerState state, int year, DateTimeOffset now)
    {
        if (!state.IsRegistered) return Refused(Rejection.NotFound($"Buyer '{state.BuyerId}' is not registered.", "buyerId"));
        if (QuotaCalendar.CheckYear(year) is { } badYear) return Refused(badYear);
        return state.Details!.Kind switch
        {
            BuyerKind.BudgetUnit => new BuyerReply.Quota(QuotaFigures.Compute(year, state.PlanFor(year), state.TallyFor(year), now)),
            BuyerKind.TradeUnion => Refused(Rejection.Unprocessable(
                $"A trade union has no quota of its own: its purchases count for its parent unit '{state.Details.ParentUnitId}'.", "buyerId")),
            _ => Refused(Rejection.Unprocessable($"Only budget units have a procurement quota; '{state.BuyerId}' is a {state.Details.Kind.ToText()}.", "buyerId")),
        };
    }

    /// <summary>Answer to <see cref="GetStatement"/>: a <see cref="PurchaseStatement"/>, or a rejection.</summary>
    public static BuyerReply Statement(BuyerState state, DateTimeOffset from, DateTimeOffset to)
    {
        if (!state.IsRegistered) return Refused(Rejection.NotFound($"Buyer '{state.BuyerId}' is not registered.", "buyerId"));
        if (to <= from) return Refused(Rejection.Invalid("to", "'to' must come after 'from'."));
        return state.Details!.Kind switch
        {
            BuyerKind.BudgetUnit or BuyerKind.Enterprise => new BuyerReply.Statement(PurchaseStatement.Of(state, from, to)),
            BuyerKind.TradeUnion => Refused(Rejection.Unprocessable(
                $"A trade union's purchases are kept by its parent unit '{state.Details.ParentUnitId}'.", "buyerId")),
            _ => Refused(Rejection.Unprocessable("Individuals' purchases are not kept in an account.", "buyerId")),
        };
    }

    private static BuyerReply Refused(Rejection rejection) => new BuyerReply.Rejected(rejection);
}
