using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Orders;

/// <summary>
/// One idempotency key: the fingerprint of the request that first used it, the order id it allocated and, once
/// the placement settled, the answer to replay. Keys are never deleted (events are the audit record), so they
/// outlive the 24 h that clients may rely on.
/// </summary>
public sealed record IdempotencyState : IShowroomMessage
{
    public string KeyHash { get; init; } = "";
    public string? Fingerprint { get; init; }
    public string? OrderId { get; init; }
    public DateTimeOffset? ClaimedAt { get; init; }
    public OrderPlacementResult? Answer { get; init; }

    public bool IsClaimed => OrderId is not null;

    public static IdempotencyState Empty(string keyHash) => new() { KeyHash = keyHash };

    public static Decision<IIdempotencyEvent> Decide(IdempotencyState state, PlaceOrderOnce c, DateTimeOffset now)
    {
        if (!state.IsClaimed)
            return Decision<IIdempotencyEvent>.Accept(new IdempotencyKeyClaimed(c.KeyHash, c.Fingerprint, c.CandidateOrderId, now));
        return state.Fingerprint == c.Fingerprint
            ? Decision<IIdempotencyEvent>.Nothing()
            : Rejection.Unprocessable(
                $"This {IdempotencyKey.Header} was already used with a different request (order {state.OrderId}); use a new key for a new order.",
                IdempotencyKey.Header);
    }

    /// <summary>Records the settled placement of the key's own order, once; anything else changes nothing.</summary>
    public static Decision<IIdempotencyEvent> Record(IdempotencyState state, OrderPlacementResult result, DateTimeOffset now) =>
        state.IsClaimed && state.Answer is null && result.OrderId == state.OrderId
            ? Decision<IIdempotencyEvent>.Accept(new IdempotencyKeyAnswered(state.KeyHash, result, now))
            : Decision<IIdempotencyEvent>.Nothing();

    public static IdempotencyState Apply(IdempotencyState state, IIdempotencyEvent e) => e switch
    {
        IdempotencyKeyClaimed c => state with { KeyHash = c.KeyHash, Fingerprint = c.Fingerprint, OrderId = c.OrderId, ClaimedAt = c.At },
        IdempotencyKeyAnswered a => state with { Answer = a.Result },
        _ => state,
    };
}
