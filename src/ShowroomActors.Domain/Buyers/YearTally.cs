using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Buyers;

/// <summary>
/// What a buyer account bought in one calendar year. Certified amounts by source: <see cref="ShowroomFen"/> the
/// account's own showroom orders, <see cref="UnionFen"/> purchases of its trade unions (showroom or elsewhere),
/// <see cref="ExternalFen"/> its own purchases made elsewhere. <see cref="TotalFen"/> counts every recorded purchase,
/// certified or not. <see cref="ReversedAfterYearEndFen"/>: certified amounts refunded after the year had ended
/// (already taken out of the figures above; kept so a changed figure of a closed year can be explained).
/// </summary>
public sealed record YearTally(Fen ShowroomFen, Fen UnionFen, Fen ExternalFen, Fen TotalFen, Fen ReversedAfterYearEndFen)
{
    public static YearTally Empty { get; } = new(Fen.Zero, Fen.Zero, Fen.Zero, Fen.Zero, Fen.Zero);

    public Fen CertifiedFen => ShowroomFen + UnionFen + ExternalFen;

    public YearTally Plus(YearTally d) => new(
        ShowroomFen + d.ShowroomFen, UnionFen + d.UnionFen, ExternalFen + d.ExternalFen, TotalFen + d.TotalFen,
        ReversedAfterYearEndFen + d.ReversedAfterYearEndFen);
}
