using ShowroomActors.Actors.Persistence;
using ShowroomActors.Actors.Serialization;
using ShowroomActors.Domain.Audit;

namespace ShowroomActors.Actors.Audit;

/// <summary>
/// Seals a snapshot over its serialized content (state, last hash, sequence number) and its stream, and checks that
/// seal when the snapshot is offered at recovery. The stored position must be the one sealed, so a snapshot cannot be
/// moved to another stream or another sequence number either.
/// </summary>
public static class SnapshotSeals
{
    public static EntitySnapshot<TState> Seal<TState>(EntitySnapshot<TState> snapshot, string persistenceId, SealKey key) =>
        snapshot with { Seal = key.SealSnapshot(persistenceId, snapshot.SequenceNr, snapshot.LastHash, Content(snapshot)) };

    /// <summary>True when the snapshot stored at <paramref name="storedSequenceNr"/> carries this key's seal.</summary>
    public static bool Verify<TState>(EntitySnapshot<TState> snapshot, string persistenceId, long storedSequenceNr, SealKey key) =>
        snapshot.Seal is not null && snapshot.SequenceNr == storedSequenceNr
        && key.SnapshotSealMatches(persistenceId, snapshot.SequenceNr, snapshot.LastHash, Content(snapshot), snapshot.Seal);

    /// <summary>The snapshot's JSON without its seal: what the seal covers (our serializer writes the same bytes for the same value).</summary>
    private static byte[] Content<TState>(EntitySnapshot<TState> snapshot) =>
        MessageRegistry.Find(snapshot.GetType()).ToJson(snapshot with { Seal = null });
}
