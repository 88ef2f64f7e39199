using ShowroomActors.Domain.Common;

namespace ShowroomActors.Actors.Persistence;

/// <summary>
/// A snapshot: the entity's state plus the last hash of its chain, so the chain continues after recovery.
/// <see cref="SequenceNr"/> is the position it covers and <see cref="Seal"/> the keyed seal over it all (see
/// <c>SnapshotSeals</c>): a snapshot's state is not covered by the hash chain, so without a matching seal it is
/// discarded and the entity rebuilt from its events. Snapshots written before seals existed have neither (0, null).
/// </summary>
public sealed record EntitySnapshot<TState>(TState State, string LastHash, long SequenceNr = 0, string? Seal = null) : IShowroomMessage;
