using System.Text.Json.Serialization;

namespace ShowroomActors.Domain.Alerts;

/// <summary>
/// One alert as readers see it (the alert book's row): what it is about, its state, when it opened, was acknowledged
/// (and through what: <c>api</c> or <c>console</c>) and resolved (and why: the clearing fact, e.g. <c>online</c>,
/// <c>returned</c>, <c>restocked</c>, <c>rebound</c>). <c>Change</c> is the journal ordering of its last change: streams
/// resume after it.
/// </summary>
public sealed record AlertView(
    string AlertId,
    string Kind,
    AlertState State,
    string SlotId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DeviceId,
    AlertDetail Detail,
    DateTimeOffset OpenedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? AcknowledgedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AcknowledgedBy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? ResolvedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ResolvedBy,
    long Change);
