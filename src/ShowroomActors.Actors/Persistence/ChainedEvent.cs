using ShowroomActors.Domain.Audit;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Actors.Persistence;

/// <summary>
/// What is actually written to the journal: a domain event sealed into its entity's hash chain.
/// <see cref="Payload"/> holds the event's JSON bytes exactly as hashed and stored, so the serializer writes
/// them verbatim and a verifier can recompute <see cref="Hash"/> from the stored record alone.
/// Stored JSON: <c>{"at":"…","prevHash":"…","hash":"…","event":{…}}</c>, journal manifest = the event's manifest.
/// </summary>
public sealed record ChainedEvent(
    IDomainEvent Event,
    string Manifest,
    string At,
    string PrevHash,
    string Hash,
    byte[] Payload) : IShowroomMessage
{
    public DateTimeOffset AtTime => DateTimeOffset.Parse(At, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>True when <see cref="Hash"/> matches this record's content, given where it sits in the journal.</summary>
    public bool HashMatches(string persistenceId, long sequenceNr) =>
        HashChain.Compute(persistenceId, sequenceNr, At, Manifest, PrevHash, Payload) == Hash;
}
