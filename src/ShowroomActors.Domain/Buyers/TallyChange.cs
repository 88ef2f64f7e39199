using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Buyers;

/// <summary>
/// How one event changes the tally of one year. The single definition used by <see cref="BuyerState.Apply"/> and by
/// the quota report projection, so the report can never count differently from the account.
/// </summary>
public static class TallyChange
{
    /// <summary>The year and the amounts to add to its tally (negative for a reversal), or null when the event changes no tally.</summary>
    public static (int Year, YearTally Delta)? Of(IBuyerEvent e) => e switch
    {
        OrderCredited c => (c.Year, Order(c.CertifiedFen, c.TotalFen, c.ViaUnionId)),
        OrderReversed { CreditYear: { } year } r => (year, Order(Fen.Zero - r.CertifiedFen, Fen.Zero - r.TotalFen, r.ViaUnionId) with
        {
            ReversedAfterYearEndFen = QuotaCalendar.YearOf(r.At) > year ? r.CertifiedFen : Fen.Zero,
        }),
        ExternalPurchaseRecorded x => (x.Year, External(x.Amount, x.Certified, x.ViaUnionId)),
        _ => null,
    };

    private static YearTally Order(Fen certified, Fen total, string? viaUnionId) => viaUnionId is null
        ? YearTally.Empty with { ShowroomFen = certified, TotalFen = total }
        : YearTally.Empty with { UnionFen = certified, TotalFen = total };

    private static YearTally External(Fen amount, bool certified, string? viaUnionId)
    {
        var counted = certified ? amount : Fen.Zero;
        return viaUnionId is null
            ? YearTally.Empty with { ExternalFen = counted, TotalFen = amount }
            : YearTally.Empty with { UnionFen = counted, TotalFen = amount };
    }
}
