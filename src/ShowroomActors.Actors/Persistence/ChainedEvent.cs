using ShowroomActors.Domain.Audit;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Actors.Persistence;

/// <summary>
/// What is actually written to the journal: a domain event sealed into its entity's hash chain.
/// <see cref="Payload"/> holds the event's JSON bytes exactly as hashed and stored, so the serializer writes
/// them verbatim and a verifier can recompute <see cref="Hash"/> from the stored record alone. <see cref="Seal"/> is the
/// keyed seal of <see cref="Hash"/> (see <see cref="SealKey"/>); null only on events written before seals existed.
/// <see cref="PrevHash"/>, the hash it is chained after, is known when the event is sealed; read back from the journal
/// it is null unless the row stores it (older rows): it is the previous row's hash.
/// Stored JSON: <c>{"at":"…","hash":"…","seal":"…","event":{…}}</c>, journal manifest = the event's manifest.
/// </summary>
public sealed record ChainedEvent(
    IDomainEvent Event,
    string Manifest,
    string At,
    string? PrevHash,
    string Hash,
    byte[] Payload,
    string? Seal = null) : IShowroomMessage
{
    public DateTimeOffset AtTime => DateTimeOffset.Parse(At, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// True when <see cref="Hash"/> matches this record's content, given where it sits in the journal and the hash of
    /// the event before it (<paramref name="previousHash"/>; not needed when <see cref="PrevHash"/> is known).
    /// </summary>
    public bool HashMatches(string persistenceId, long sequenceNr, string? previousHash = null) =>
        HashChain.Matches(persistenceId, sequenceNr, At, Manifest,
            PrevHash ?? previousHash ?? throw new ArgumentNullException(nameof(previousHash), "The previous event's hash is needed: this row does not store it."),
            Payload, Hash);
}

/// <summary>
/// A journal row of an event type whose stored bytes could not be read back (an unknown manifest, a payload that is
/// not the event's JSON): what recovery and the projections get instead of a <see cref="ChainedEvent"/>, so a damaged
/// row is reported where it is rather than failing every replay of its stream. Never written.
/// </summary>
public sealed record UnreadableEvent(string Manifest, string Error);
