using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Orders;

/// <summary>
/// One idempotency key: the fingerprint of the request that first used it and the order id it allocated. The answer
/// to replay is the order's own settled placement (fixed once settled, kept in the order's journal), so the key asks
/// its order for it instead of recording a copy; <see cref="Answer"/> is only set by keys that recorded one
/// (<see cref="IdempotencyKeyAnswered"/>, written before). Keys are never deleted (events are the audit record), so
/// they outlive the 24 h that clients may rely on.
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

    /// <summary>True when <paramref name="result"/> is the settled placement of the key's own order.</summary>
    public static bool IsAnswerFor(IdempotencyState state, OrderPlacementResult result) => state.IsClaimed && result.OrderId == state.OrderId;

    public static IdempotencyState Apply(IdempotencyState state, IIdempotencyEvent e) => e switch
    {
        IdempotencyKeyClaimed c => state with { KeyHash = c.KeyHash, Fingerprint = c.Fingerprint, OrderId = c.OrderId, ClaimedAt = c.At },
        IdempotencyKeyAnswered a => state with { Answer = a.Result },
        _ => state,
    };
}
