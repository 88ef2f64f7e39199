using ShowroomActors.Domain.Alerts;

namespace ShowroomActors.Actors.Alerts;

/// <summary>
/// The JSON body of one webhook delivery: its id (the same on every retry: receivers drop repeats by it), the change
/// (<c>alert.opened</c>, <c>alert.acknowledged</c>, <c>alert.resolved</c>), when it happened, and the alert after it.
/// </summary>
public sealed record WebhookPayload(string DeliveryId, string Event, DateTimeOffset OccurredAt, AlertView Alert);
