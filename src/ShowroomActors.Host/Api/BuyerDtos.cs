using ShowroomActors.Application.Buyers;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Common;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.Api;

/// <summary>Body of <c>POST /api/v1/buyers</c>. Nullable so a missing field is reported by name.</summary>
public sealed record RegisterBuyerRequest(string? BuyerId, string? Kind, string? Name, string? ParentUnitId, string? Jurisdiction)
    : IRequestBody<RegisterBuyerRequest>
{
    public Rejection? Validate() =>
        Required.Missing(("buyerId", BuyerId), ("kind", Kind), ("name", Name)) ?? BuyerKinds.TryParse(Kind!, "kind", out _);

    public RegisterBuyer ToCommand()
    {
        BuyerKinds.TryParse(Kind!, "kind", out var kind);
        return new RegisterBuyer(BuyerId!, new BuyerDetails(kind, Name!, ParentUnitId, Jurisdiction));
    }
}

/// <summary>Body of <c>PUT /api/v1/buyers/{buyerId}/plans/{year}</c>; without reservedRatio the ratio table decides.</summary>
public sealed record PlanRequest(long? CanteenFoodBudgetFen, decimal? ReservedRatio, bool? HasCanteen) : IRequestBody<PlanRequest>
{
    public Rejection? Validate() =>
        Required.Missing(("canteenFoodBudgetFen", CanteenFoodBudgetFen), ("hasCanteen", HasCanteen))
        ?? (ReservedRatio is { } given ? Ratio.TryFrom(given, "reservedRatio", out _) : null);

    public DeclarePlan ToCommand(string buyerId, int year)
    {
        Ratio? ratio = null;
        if (ReservedRatio is { } given && Ratio.TryFrom(given, "reservedRatio", out var parsed) is null) ratio = parsed;
        return new DeclarePlan(buyerId, year, new Fen(CanteenFoodBudgetFen!.Value), ratio, HasCanteen!.Value);
    }
}

/// <summary>Body of <c>POST /api/v1/buyers/{buyerId}/external-purchases</c>.</summary>
public sealed record ExternalPurchaseRequest(string? Reference, long? AmountFen, bool? Certified, DateTimeOffset? At)
    : IRequestBody<ExternalPurchaseRequest>
{
    public Rejection? Validate() => Required.Missing(("reference", Reference), ("amountFen", AmountFen), ("certified", Certified), ("at", At));
}

/// <summary>A buyer account as the API shows it: who, plans, and a per-year summary of the ledger.</summary>
public sealed record BuyerResponse(
    string BuyerId,
    string Kind,
    string Name,
    string? ParentUnitId,
    string? Jurisdiction,
    IReadOnlyList<PlanResponse> Plans,
    IReadOnlyList<YearSummary> Years)
{
    public static BuyerResponse From(BuyerView buyer)
    {
        var d = buyer.Details;
        return new BuyerResponse(buyer.BuyerId, d.Kind.ToText(), d.Name, d.ParentUnitId, d.Jurisdiction,
            buyer.Plans.Select(p => PlanResponse.From(buyer.BuyerId, p)).ToList(),
            buyer.Years.Select(y => new YearSummary(y.Year, y.Certified.Value, y.Total.Value)).ToList());
    }
}

public sealed record YearSummary(int Year, long CertifiedFen, long TotalFen);

/// <summary>An annual plan; <c>ratioSource</c> says whether the plan gave the ratio or which table entry did.</summary>
public sealed record PlanResponse(
    string BuyerId, int Year, long CanteenFoodBudgetFen, decimal? ReservedRatio, string? RatioSource, bool HasCanteen, long? TargetFen)
{
    public static PlanResponse From(string buyerId, AnnualPlan plan) => new(buyerId, plan.Year, plan.CanteenFoodBudget.Value,
        plan.ReservedRatio?.ToDecimal(), plan.RatioSource, plan.HasCanteen, plan.Target?.Value);
}

/// <summary>A recorded external purchase and the account it counts for.</summary>
public sealed record ExternalPurchaseResponse(
    string BuyerId, string Reference, long AmountFen, bool Certified, DateTimeOffset At, int Year, string CreditedTo, string? CreditedVia)
{
    public static ExternalPurchaseResponse From(RecordedPurchase recorded)
    {
        var p = recorded.Purchase;
        return new(recorded.BuyerId, p.Reference, p.Amount.Value, p.Certified, p.At, p.Year, recorded.CreditedTo, p.ViaUnionId);
    }
}

/// <summary>
/// A budget unit's quota for a year (<c>GET /api/v1/buyers/{buyerId}/quota/{year}</c> and each line of the report).
/// Without a canteen (or without a plan) targetFen, progress, shortfallFen and onTrack are null: there is no target.
/// </summary>
public sealed record QuotaResponse(
    string BuyerId,
    int Year,
    string Status,
    bool HasPlan,
    bool? HasCanteen,
    long? CanteenFoodBudgetFen,
    decimal? ReservedRatio,
    string? RatioSource,
    long? TargetFen,
    long CertifiedFen,
    long TotalFen,
    decimal? Progress,
    long? ShortfallFen,
    decimal YearElapsed,
    bool? OnTrack,
    long ForecastFen,
    QuotaSources Sources,
    long ReversedAfterYearEndFen)
{
    public static QuotaResponse From(string buyerId, QuotaFigures f) => new(
        buyerId, f.Year, f.Status.ToText(), f.HasPlan, f.HasCanteen, f.CanteenFoodBudget?.Value, f.ReservedRatio?.ToDecimal(), f.RatioSource,
        f.Target?.Value, f.Certified.Value, f.Total.Value, f.Progress, f.Shortfall?.Value, f.YearElapsed, f.OnTrack, f.Forecast.Value,
        new QuotaSources(f.ShowroomFen.Value, f.UnionFen.Value, f.ExternalFen.Value), f.ReversedAfterYearEnd.Value);
}

/// <summary>Certified amounts by source: the unit's own showroom orders, its trade unions' purchases, its purchases made elsewhere.</summary>
public sealed record QuotaSources(long ShowroomFen, long UnionFen, long ExternalFen);

/// <summary>The statement as JSON: certified purchases of the period, dates inclusive (China Standard Time).</summary>
public sealed record StatementResponse(
    string BuyerId, string Name, string Kind, DateOnly From, DateOnly To, long CertifiedFen, IReadOnlyList<StatementLineResponse> Lines)
{
    public static StatementResponse Of(StatementPeriod period) => Of(period.Statement, period.From, period.To);

    private static StatementResponse Of(PurchaseStatement s, DateOnly from, DateOnly to) => new(
        s.BuyerId, s.Name, s.Kind.ToText(), from, to, s.CertifiedFen.Value,
        s.Lines.Select(l => new StatementLineResponse(
            l.At.ToOffset(QuotaCalendar.Offset), l.Source == PurchaseSource.Showroom ? "showroom" : "external", l.Reference, l.CertifiedFen.Value, l.ViaUnionId)).ToList());
}

public sealed record StatementLineResponse(DateTimeOffset At, string Source, string Reference, long CertifiedFen, string? CreditedVia);
