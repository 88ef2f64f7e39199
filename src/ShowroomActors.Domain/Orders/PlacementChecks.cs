using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Orders;

/// <summary>
/// What a placing order has learnt about the accounts its request names, before it asks any product to reserve: the
/// buyer account (its <see cref="CreditTarget"/>: where the order's purchases are credited) and the shelf slot.
/// Kept in memory by the order entity (looked up again after a restart) and settled into <see cref="OrderReserved"/>.
/// Buyers and slots are never deleted, so "not found" is a final answer: an order declined for it never reserved.
/// </summary>
public sealed record PlacementChecks(bool BuyerChecked, CreditTarget? Target, bool SlotChecked, Rejection? Failure)
{
    /// <summary>The checks <paramref name="request"/> needs: none for a field it leaves out.</summary>
    public static PlacementChecks For(OrderRequest request) => new(request.BuyerId is null, null, request.SlotId is null, null);

    /// <summary>Every check answered, or one failed: nothing more to learn.</summary>
    public bool Complete => Failure is not null || (BuyerChecked && SlotChecked);

    /// <summary>Every check answered and none failed: the products may be asked.</summary>
    public bool Passed => Failure is null && BuyerChecked && SlotChecked;

    /// <summary>
    /// Takes the buyer account's answer to <see cref="GetCreditTarget"/>: its credit target, or a rejection. Not found
    /// declines the order (422 <c>buyerId</c>); any other rejection (the account could not answer) leaves the check open.
    /// </summary>
    public PlacementChecks WithBuyer(string buyerId, CreditTarget? target, Rejection? refusal)
    {
        if (Complete) return this;
        if (target is not null && target.BuyerId == buyerId) return this with { BuyerChecked = true, Target = target };
        return refusal is { Code: RejectionCode.NotFound }
            ? this with
            {
                Failure = Rejection.Unprocessable(
                    $"Buyer account '{buyerId}' is not registered: check the account id, or order without one.", "buyerId"),
            }
            : this;
    }

    /// <summary>Takes the slot's answer to a read: found (<paramref name="refusal"/> null), or a rejection; not found declines (422 <c>slotId</c>).</summary>
    public PlacementChecks WithSlot(string slotId, Rejection? refusal)
    {
        if (Complete) return this;
        if (refusal is null) return this with { SlotChecked = true };
        return refusal.Code == RejectionCode.NotFound
            ? this with { Failure = Rejection.Unprocessable($"Slot '{slotId}' is not set up: order from a shelf slot that exists.", "slotId") }
            : this;
    }
}
