namespace ShowroomActors.Domain.Audit;

/// <summary>
/// Where and why an entity's recorded stream cannot be trusted: the first sequence number that is missing, altered,
/// forged or unreadable. A stream with a break is quarantined: nothing is served from it.
/// </summary>
public sealed record StreamBreak(string PersistenceId, long FirstBrokenSeq, string Problem);
