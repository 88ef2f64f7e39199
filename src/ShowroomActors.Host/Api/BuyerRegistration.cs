using ShowroomActors.Actors;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Common;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.Api;

/// <summary>
/// Registering a buyer as the API and the demo loader do it: a trade union's parent must be a registered budget
/// unit, which only the parent's entity knows, so it is asked first (a parent never changes kind or disappears, so
/// the answer stays true). Answers the account or a rejection.
/// </summary>
public static class BuyerRegistration
{
    public static async Task<object> RegisterAsync(ShowroomSystem showroom, RegisterBuyer command, CancellationToken cancel)
    {
        if ((Ids.Check(command.BuyerId, "buyerId") ?? command.Details.Validate(command.BuyerId)) is { } invalid) return invalid;
        if (command.Details.Kind == BuyerKind.TradeUnion && command.Details.ParentUnitId is { } parentId)
        {
            var parent = await showroom.AskAsync(showroom.Buyers, new GetCreditTarget(parentId), cancel);
            switch (parent)
            {
                case Rejection { Code: RejectionCode.NotFound }:
                    return Rejection.Unprocessable($"Parent unit '{parentId}' is not registered; register the budget unit first.", "parentUnitId");
                case Rejection other:
                    return other;
                case CreditTarget { Kind: not BuyerKind.BudgetUnit } target:
                    return Rejection.Unprocessable($"Parent unit '{parentId}' is a {target.Kind.ToText()}, not a budget unit.", "parentUnitId");
            }
        }
        return await showroom.AskAsync(showroom.Buyers, command, cancel);
    }
}
