using System.Collections.Immutable;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Buyers;

/// <summary>
/// A buyer account: who the buyer is, a budget unit's annual plans, and the ledger of purchases credited to it with
/// a tally per calendar year. Pure: <see cref="Decide"/> turns a command into events or a rejection;
/// <see cref="Apply"/> folds one event in. Trade unions keep no ledger: their purchases go to the parent's.
/// </summary>
public sealed record BuyerState : IShowroomMessage
{
    /// <summary>Largest canteen food budget accepted: 1,000 billion yuan.</summary>
    public const long MaxBudgetFen = 100_000_000_000_000;
    /// <summary>Largest single purchase accepted: 100 billion yuan.</summary>
    public const long MaxPurchaseFen = 10_000_000_000_000;
    /// <summary>Largest yearly tally accepted, far below overflow of any figure derived from it.</summary>
    public const long MaxTallyFen = 1_000_000_000_000_000;
    /// <summary>Clock skew tolerated for purchase times given by clients.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    public string BuyerId { get; init; } = "";
    public BuyerDetails? Details { get; init; }
    public ImmutableSortedDictionary<int, AnnualPlan> Plans { get; init; } = ImmutableSortedDictionary<int, AnnualPlan>.Empty;
    public ImmutableSortedDictionary<int, YearTally> Tallies { get; init; } = ImmutableSortedDictionary<int, YearTally>.Empty;
    public ImmutableSortedDictionary<string, OrderCredit> Orders { get; init; } = ImmutableSortedDictionary<string, OrderCredit>.Empty;
    public ImmutableSortedDictionary<string, ExternalPurchase> ExternalPurchases { get; init; } = ImmutableSortedDictionary<string, ExternalPurchase>.Empty;

    public bool IsRegistered => Details is not null;

    public static BuyerState Empty(string buyerId) => new() { BuyerId = buyerId };

    public YearTally TallyFor(int year) => Tallies.GetValueOrDefault(year, YearTally.Empty);

    public AnnualPlan? PlanFor(int year) => Plans.GetValueOrDefault(year);

    /// <summary>Where this buyer's purchases are credited (the account must be registered).</summary>
    public CreditTarget ToCreditTarget() =>
        CreditTarget.For(BuyerId, Details ?? throw new InvalidOperationException($"Buyer '{BuyerId}' is not registered."));

    public static Decision<IBuyerEvent> Decide(BuyerState state, IBuyerCommand command, DateTimeOffset now, RatioTable ratios) => command switch
    {
        RegisterBuyer c => Register(state, c),
        DeclarePlan c => Declare(state, c, ratios),
        CreditOrder c => Credit(state, c),
        ReverseOrder c => Reverse(state, c),
        RecordExternalPurchase c => RecordExternal(state, c, now),
        _ => Rejection.Invalid("command", $"A buyer does not handle {command.GetType().Name}."),
    };

    private static Decision<IBuyerEvent> Register(BuyerState state, RegisterBuyer c)
    {
        if (Ids.Check(c.BuyerId, "buyerId") is { } badId) return badId;
        if (c.Details.Validate(c.BuyerId) is { } invalid) return invalid;
        if (state.Details is null) return Decision<IBuyerEvent>.Accept(new BuyerRegistered(c.BuyerId, c.Details));
        return state.Details == c.Details
            ? Decision<IBuyerEvent>.Nothing()
            : Rejection.Conflict($"Buyer '{c.BuyerId}' is already registered with other details.", "buyerId");
    }

    private static Decision<IBuyerEvent> Declare(BuyerState state, DeclarePlan c, RatioTable ratios)
    {
        if (NotFound(state) is { } missing) return missing;
        if (state.Details!.Kind != BuyerKind.BudgetUnit)
            return Rejection.Unprocessable($"Only budget units declare annual plans; '{c.BuyerId}' is a {state.Details.Kind.ToText()}.", "buyerId");
        if (QuotaCalendar.CheckYear(c.Year) is { } badYear) return badYear;
        if (c.CanteenFoodBudget.Value is < 0 or > MaxBudgetFen)
            return Rejection.Invalid("canteenFoodBudgetFen", $"'canteenFoodBudgetFen' must be between 0 and {MaxBudgetFen}.");

        var resolved = c.ReservedRatio is { } given
            ? new ResolvedRatio(given, RatioSources.Plan)
            : ratios.Lookup(state.Details.Jurisdiction, c.Year);
        if (resolved is null && c.HasCanteen)
            return Rejection.Unprocessable(
                $"No reserved ratio is configured for {state.Details.Jurisdiction ?? "the national rules"} in {c.Year}; give 'reservedRatio'.",
                "reservedRatio");

        var plan = new AnnualPlan(c.Year, c.CanteenFoodBudget, resolved?.Ratio, resolved?.Source, c.HasCanteen);
        return state.Plans.GetValueOrDefault(c.Year) == plan
            ? Decision<IBuyerEvent>.Nothing()
            : Decision<IBuyerEvent>.Accept(new PlanDeclared(c.BuyerId, c.Year, plan.CanteenFoodBudget, plan.ReservedRatio, plan.RatioSource, plan.HasCanteen));
    }

    private static Decision<IBuyerEvent> Credit(BuyerState state, CreditOrder c)
    {
        if (KeepsLedger(state, c.ViaUnionId) is { } cannot) return cannot;
        if (Ids.Check(c.OrderId, "orderId") is { } badOrder) return badOrder;
        if (QuotaCalendar.CheckInstant(c.At, "at") is { } badAt) return badAt;
        if (c.TotalFen.Value is < 0 or > MaxPurchaseFen)
            return Rejection.Invalid("totalFen", $"'totalFen' must be between 0 and {MaxPurchaseFen}.");
        if (c.CertifiedFen.Value < 0 || c.CertifiedFen > c.TotalFen)
            return Rejection.Invalid("certifiedFen", "'certifiedFen' must be between 0 and 'totalFen'.");

        if (state.Orders.TryGetValue(c.OrderId, out var known))
        {
            if (known.IsReversed) return Decision<IBuyerEvent>.Nothing(); // closed: a late or repeated credit changes nothing
            return known.CreditedAt == c.At && known.CertifiedFen == c.CertifiedFen && known.TotalFen == c.TotalFen && known.ViaUnionId == c.ViaUnionId
                ? Decision<IBuyerEvent>.Nothing()
                : Rejection.Conflict($"Order '{c.OrderId}' was already credited with other amounts.", "orderId");
        }

        var year = QuotaCalendar.YearOf(c.At);
        if (WouldOverflow(state.TallyFor(year), c.TotalFen) is { } full) return full;
        return Decision<IBuyerEvent>.Accept(new OrderCredited(c.BuyerId, c.OrderId, c.At, year, c.CertifiedFen, c.TotalFen, c.ViaUnionId));
    }

    private static Decision<IBuyerEvent> Reverse(BuyerState state, ReverseOrder c)
    {
        if (KeepsLedger(state, viaUnionId: null) is { } cannot) return cannot;
        if (Ids.Check(c.OrderId, "orderId") is { } badOrder) return badOrder;
        if (QuotaCalendar.CheckInstant(c.At, "at") is { } badAt) return badAt;
        if (!state.Orders.TryGetValue(c.OrderId, out var known))
            return Decision<IBuyerEvent>.Accept(new OrderReversed(c.BuyerId, c.OrderId, c.At, null, Fen.Zero, Fen.Zero, null));
        return known.IsReversed
            ? Decision<IBuyerEvent>.Nothing()
            : Decision<IBuyerEvent>.Accept(new OrderReversed(c.BuyerId, c.OrderId, c.At, known.Year, known.CertifiedFen, known.TotalFen, known.ViaUnionId));
    }

    private static Decision<IBuyerEvent> RecordExternal(BuyerState state, RecordExternalPurchase c, DateTimeOffset now)
    {
        if (KeepsLedger(state, c.ViaUnionId) is { } cannot) return cannot;
        if (Ids.Check(c.Reference, "reference") is { } badReference) return badReference;
        if (c.Amount.Value is <= 0 or > MaxPurchaseFen)
            return Rejection.Invalid("amountFen", $"'amountFen' must be between 1 and {MaxPurchaseFen}.");
        if (QuotaCalendar.CheckInstant(c.At, "at") is { } badAt) return badAt;
        if (c.At > now + FutureTolerance) return Rejection.Invalid("at", "'at' must not lie in the future.");

        var year = QuotaCalendar.YearOf(c.At);
        if (state.ExternalPurchases.TryGetValue(ExternalPurchase.KeyOf(c.Reference, c.ViaUnionId), out var known))
            return known.Amount == c.Amount && known.Certified == c.Certified && known.At == c.At
                ? Decision<IBuyerEvent>.Nothing()
                : Rejection.Conflict($"Reference '{c.Reference}' was already recorded with other content.", "reference");
        if (WouldOverflow(state.TallyFor(year), c.Amount) is { } full) return full;
        return Decision<IBuyerEvent>.Accept(new ExternalPurchaseRecorded(c.BuyerId, c.Reference, c.At, year, c.Amount, c.Certified, c.ViaUnionId));
    }

    private static Rejection? NotFound(BuyerState state) =>
        state.IsRegistered ? null : Rejection.NotFound($"Buyer '{state.BuyerId}' is not registered.", "buyerId");

    /// <summary>Budget units and enterprises keep a purchase ledger; only budget units take purchases of their unions.</summary>
    private static Rejection? KeepsLedger(BuyerState state, string? viaUnionId)
    {
        if (NotFound(state) is { } missing) return missing;
        var kind = state.Details!.Kind;
        if (kind == BuyerKind.TradeUnion)
            return Rejection.Unprocessable(
                $"'{state.BuyerId}' is a trade union: its purchases count for its parent unit '{state.Details.ParentUnitId}'; credit that unit with 'creditedVia' = '{state.BuyerId}'.",
                "buyerId");
        if (kind == BuyerKind.Individual)
            return Rejection.Unprocessable($"'{state.BuyerId}' is an individual: individuals' purchases are not kept in an account.", "buyerId");
        if (viaUnionId is null) return null;
        if (kind != BuyerKind.BudgetUnit)
            return Rejection.Invalid("creditedVia", "Only a budget unit takes purchases of a trade union ('creditedVia').");
        if (Ids.Check(viaUnionId, "creditedVia") is { } badVia) return badVia;
        return viaUnionId == state.BuyerId ? Rejection.Invalid("creditedVia", "'creditedVia' names a trade union, not the unit itself.") : null;
    }

    private static Rejection? WouldOverflow(YearTally tally, Fen amount) =>
        tally.TotalFen.Value > MaxTallyFen - amount.Value
            ? Rejection.Unprocessable($"The year's tally would exceed {MaxTallyFen} fen.", "amountFen")
            : null;

    public static BuyerState Apply(BuyerState state, IBuyerEvent e)
    {
        var applied = e switch
        {
            BuyerRegistered r => state with { BuyerId = r.BuyerId, Details = r.Details },
            PlanDeclared p => state with
            {
                Plans = state.Plans.SetItem(p.Year, new AnnualPlan(p.Year, p.CanteenFoodBudget, p.ReservedRatio, p.RatioSource, p.HasCanteen)),
            },
            OrderCredited c => state with
            {
                Orders = state.Orders.SetItem(c.OrderId, new OrderCredit(c.OrderId, c.At, c.Year, c.CertifiedFen, c.TotalFen, c.ViaUnionId, null)),
            },
            OrderReversed r => state with { Orders = state.Orders.SetItem(r.OrderId, Reversed(state, r)) },
            ExternalPurchaseRecorded x => state with
            {
                ExternalPurchases = state.ExternalPurchases.SetItem(
                    ExternalPurchase.KeyOf(x.Reference, x.ViaUnionId),
                    new ExternalPurchase(x.Reference, x.At, x.Year, x.Amount, x.Certified, x.ViaUnionId)),
            },
            _ => state,
        };
        return TallyChange.Of(e) is var (year, delta)
            ? applied with { Tallies = applied.Tallies.SetItem(year, applied.TallyFor(year).Plus(delta)) }
            : applied;
    }

    private static OrderCredit Reversed(BuyerState state, OrderReversed r) =>
        state.Orders.TryGetValue(r.OrderId, out var credited)
            ? credited with { ReversedAt = r.At }
            : new OrderCredit(r.OrderId, null, null, Fen.Zero, Fen.Zero, null, r.At);
}
