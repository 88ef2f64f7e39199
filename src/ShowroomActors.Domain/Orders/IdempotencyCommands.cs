using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Orders;

/// <summary>A command for one idempotency key's entity (<c>idempotency-{keyHash}</c>).</summary>
public interface IIdempotencyCommand : IEntityCommand
{
    string KeyHash { get; }
    string IEntityCommand.EntityId => KeyHash;
}

/// <summary>
/// Place an order under an idempotency key. The first request claims the key for <paramref name="CandidateOrderId"/>
/// and its fingerprint; a repeat with the same fingerprint gets the first answer again (same order); another
/// fingerprint is refused (422). Answered with <see cref="OrderReply.Placement"/> or <see cref="OrderReply.Rejected"/>.
/// </summary>
public sealed record PlaceOrderOnce(string KeyHash, string Fingerprint, string CandidateOrderId, OrderRequest Request) : IIdempotencyCommand;
