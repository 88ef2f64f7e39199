using System.Data.Common;
using ShowroomActors.Actors.Buyers;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Application.Buyers;

/// <summary>An external purchase as recorded: the buyer it was reported for, the account it counts in, and the record.</summary>
public sealed record RecordedPurchase(string BuyerId, string CreditedTo, ExternalPurchase Purchase);

/// <summary>A statement and the period it covers, dates inclusive (China Standard Time).</summary>
public sealed record StatementPeriod(PurchaseStatement Statement, DateOnly From, DateOnly To);

/// <summary>
/// Buyer accounts: registration (a trade union's parent must be a registered budget unit), annual plans, purchases
/// made elsewhere, the account, its quota, its statement, and the quota report of every budget unit.
/// </summary>
public sealed class BuyerUseCases(ActorGateway actors, QuotaReportStore reports)
{
    /// <summary>
    /// Registers a buyer. A trade union's parent must be a registered budget unit, which only the parent's entity
    /// knows, so it is asked first (a parent never changes kind or disappears, so the answer stays true).
    /// </summary>
    public async Task<Outcome<BuyerView>> RegisterAsync(RegisterBuyer command, CancellationToken cancel)
    {
        if ((Ids.Check(command.BuyerId, "buyerId") ?? command.Details.Validate(command.BuyerId)) is { } invalid) return invalid;
        if (command.Details.Kind == BuyerKind.TradeUnion && command.Details.ParentUnitId is { } parentId)
        {
            switch (await actors.AskAsync(new GetCreditTarget(parentId), cancel))
            {
                case BuyerReply.Rejected { Rejection.Code: RejectionCode.NotFound }:
                    return Rejection.Unprocessable($"Parent unit '{parentId}' is not registered; register the budget unit first.", "parentUnitId");
                case BuyerReply.Rejected { Rejection: var other }:
                    return other;
                case BuyerReply.Target { CreditTarget.Kind: not BuyerKind.BudgetUnit and var kind }:
                    return Rejection.Unprocessable($"Parent unit '{parentId}' is a {kind.ToText()}, not a budget unit.", "parentUnitId");
            }
        }
        return Account(await actors.AskAsync(command, cancel));
    }

    /// <summary>Declares (or revises) a budget unit's plan for a year: answers the plan as recorded.</summary>
    public async Task<Outcome<AnnualPlan>> DeclarePlanAsync(DeclarePlan command, CancellationToken cancel)
    {
        if (!Ids.IsValid(command.BuyerId)) return NoSuchBuyer(command.BuyerId);
        return Account(await actors.AskAsync(command, cancel)).Map(buyer => buyer.PlanFor(command.Year)!);
    }

    /// <summary>
    /// Records procurement made elsewhere for <paramref name="buyerId"/>: in its own account, or for a trade union in
    /// its parent unit's (recorded as via the union). Individuals keep no account.
    /// </summary>
    public async Task<Outcome<RecordedPurchase>> RecordExternalPurchaseAsync(
        string buyerId, string reference, Fen amount, bool certified, DateTimeOffset at, CancellationToken cancel)
    {
        if (!Ids.IsValid(buyerId)) return NoSuchBuyer(buyerId);
        var targetReply = await actors.AskAsync(new GetCreditTarget(buyerId), cancel);
        if (targetReply is not BuyerReply.Target { CreditTarget: var target }) return targetReply.Refusal();
        if (!target.KeepsPurchases) return Rejection.Unprocessable("Individuals' purchases are not kept in an account.", "buyerId");
        var reply = await actors.AskAsync(new RecordExternalPurchase(target.AccountId, reference, amount, certified, at, target.ViaUnionId), cancel);
        return reply is BuyerReply.PurchaseRecorded recorded
            ? new RecordedPurchase(buyerId, recorded.AccountId, recorded.Purchase)
            : reply.Refusal();
    }

    public async Task<Outcome<BuyerView>> GetAsync(string buyerId, CancellationToken cancel) =>
        Ids.IsValid(buyerId) ? Account(await actors.AskAsync(new GetBuyer(buyerId), cancel)) : NoSuchBuyer(buyerId);

    /// <summary>A budget unit's quota figures for <paramref name="year"/>, as of now.</summary>
    public async Task<Outcome<QuotaFigures>> QuotaAsync(string buyerId, int year, CancellationToken cancel)
    {
        if (!Ids.IsValid(buyerId)) return NoSuchBuyer(buyerId);
        if (QuotaCalendar.CheckYear(year) is { } badYear) return badYear;
        var reply = await actors.AskAsync(new GetQuota(buyerId, year), cancel);
        return reply is BuyerReply.Quota { Figures: var figures } ? figures : reply.Refusal();
    }

    /// <summary>
    /// The certified purchases of a period, dates inclusive in China Standard Time: by default from 1 January of this
    /// year to today.
    /// </summary>
    public async Task<Outcome<StatementPeriod>> StatementAsync(string buyerId, DateOnly? from, DateOnly? to, CancellationToken cancel)
    {
        if (!Ids.IsValid(buyerId)) return NoSuchBuyer(buyerId);
        var today = DateOnly.FromDateTime(actors.Clock.GetUtcNow().ToOffset(QuotaCalendar.Offset).DateTime);
        var first = from ?? new DateOnly(today.Year, 1, 1);
        var last = to ?? today;
        if (last < first) return Rejection.Invalid("to", "'to' must not come before 'from'.");
        var reply = await actors.AskAsync(new GetStatement(buyerId, StartOf(first), StartOf(last.AddDays(1))), cancel);
        return reply is BuyerReply.Statement { PurchaseStatement: var statement }
            ? new StatementPeriod(statement, first, last)
            : reply.Refusal();
    }

    /// <summary>Every budget unit's quota figures for <paramref name="year"/>, from the quota report projection.</summary>
    public async Task<Outcome<QuotaReport>> QuotaReportAsync(int year, CancellationToken cancel)
    {
        if (QuotaCalendar.CheckYear(year) is { } badYear) return badYear;
        try
        {
            return await reports.ReadAsync(year, actors.Clock.GetUtcNow(), cancel);
        }
        catch (DbException)
        {
            return Rejection.Unavailable("The quota report could not be read from the journal's database; retry later.");
        }
    }

    private static Outcome<BuyerView> Account(BuyerReply reply) =>
        reply is BuyerReply.Account { Buyer: var buyer } ? buyer : reply.Refusal();

    private static Rejection NoSuchBuyer(string buyerId) => Rejection.NotFound($"Buyer '{buyerId}' is not registered.", "buyerId");

    private static DateTimeOffset StartOf(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), QuotaCalendar.Offset);
}
