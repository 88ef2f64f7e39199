using ShowroomActors.Actors.Serialization;
using ShowroomActors.Domain.Audit;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Actors.Persistence;

/// <summary>Seals domain events into the hash chain of one persistence id.</summary>
public static class EventChain
{
    /// <summary>Chains <paramref name="evt"/> after <paramref name="prevHash"/> and seals it with <paramref name="key"/> (no seal when null).</summary>
    public static ChainedEvent Seal(string persistenceId, long sequenceNr, DateTimeOffset now, IDomainEvent evt, string prevHash, SealKey? key = null)
    {
        var type = MessageRegistry.Find(evt.GetType());
        var payload = type.ToJson(evt);
        var at = HashChain.FormatTimestamp(now);
        var hash = HashChain.Compute(persistenceId, sequenceNr, at, type.Manifest, prevHash, payload);
        return new ChainedEvent(evt, type.Manifest, at, prevHash, hash, payload, key?.SealEvent(hash));
    }
}
