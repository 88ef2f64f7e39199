using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Orders;

/// <summary>An event in an idempotency key's journal.</summary>
public interface IIdempotencyEvent : IDomainEvent;

/// <summary>The key was first used, for a request with this fingerprint, and allocated this order id.</summary>
public sealed record IdempotencyKeyClaimed(string KeyHash, string Fingerprint, string OrderId, DateTimeOffset At) : IIdempotencyEvent;

/// <summary>
/// The placement settled; every later request with the key replays <paramref name="Result"/>. No longer written (the key
/// asks its order, whose settled placement is the same answer); journals keep the ones written before.
/// </summary>
public sealed record IdempotencyKeyAnswered(string KeyHash, OrderPlacementResult Result, DateTimeOffset At) : IIdempotencyEvent;
