using ShowroomActors.Actors.Persistence;
using ShowroomActors.Domain.Audit;

namespace ShowroomActors.Actors.Audit;

/// <summary>
/// Checks a stream while its entity recovers it, so that nothing tampered with is ever served: each replayed event
/// must follow its predecessor (no missing sequence number, prevHash = the previous hash) and match its own hash
/// (one SHA-256 per event), carry a seal, and the seals must match the audit key. Seals are checked on the last event
/// and on every <see cref="SealSampleEvery"/>th one (an HMAC each): a matching seal vouches for every hash before it, and
/// when one does not match, the events since the last good one are checked one by one to name the first forged.
/// Sequence numbers the journal counts but did not replay (rows marked <c>deleted</c>) are a break too.
/// Without a key (an auditor who holds only the public key) seals are not checked. The offline verifier
/// (<see cref="ChainVerifier"/>) runs the same checks over the stored rows.
/// </summary>
public sealed class RecoveryCheck(string persistenceId, SealKey? key, bool acceptUnsealed = false)
{
    /// <summary>Events between seal checks during a replay.</summary>
    public const int SealSampleEvery = 64;

    private readonly List<(long Seq, string Hash, string Seal)> _unchecked = [];
    private string _prevHash = HashChain.Genesis;
    private long _seq;

    /// <summary>The last sequence number found intact.</summary>
    public long LastSequenceNr => _seq;

    /// <summary>The first break found, or null while the stream is intact.</summary>
    public StreamBreak? Broken { get; private set; }

    /// <summary>The replay continues after a (verified) snapshot at <paramref name="sequenceNr"/>.</summary>
    public void ContinueFrom(long sequenceNr, string lastHash)
    {
        _seq = sequenceNr;
        _prevHash = lastHash;
    }

    /// <summary>Checks the next replayed event; true when it may be applied.</summary>
    public bool Accept(long sequenceNr, ChainedEvent chained) =>
        Accept(sequenceNr, chained.Manifest, chained.At, chained.PrevHash, chained.Hash, chained.Seal, chained.Payload);

    /// <summary>Checks the next stored row of the stream, given its fields; true when it is intact so far.</summary>
    public bool Accept(long sequenceNr, string manifest, string at, string? prevHash, string hash, string? seal, byte[] payload)
    {
        if (Broken is not null) return false;
        if (sequenceNr != _seq + 1)
            return Break(_seq + 1, sequenceNr > _seq + 1
                ? $"events {_seq + 1} to {sequenceNr - 1} are missing (deleted, or marked deleted)"
                : "sequence numbers out of order");
        // Rows that store the previous hash (written before it was left to the row before) must repeat it exactly.
        if (prevHash is not null && prevHash != _prevHash)
            return Break(sequenceNr, "prevHash does not match the previous event's hash (a row was removed, inserted or reordered)");
        if (!HashChain.Matches(persistenceId, sequenceNr, at, manifest, _prevHash, payload, hash))
            return Break(sequenceNr, prevHash is null
                ? "hash does not match the stored content and the previous event's hash (this row or the one before was changed, removed or reordered)"
                : "hash does not match the stored content");
        if (key is not null && seal is null && !acceptUnsealed)
            return Break(sequenceNr, "the event carries no seal: it was not written by this system");
        _prevHash = hash;
        _seq = sequenceNr;
        if (key is not null && seal is not null)
        {
            _unchecked.Add((sequenceNr, hash, seal));
            if (_unchecked.Count >= SealSampleEvery) return CheckSeals();
        }
        return true;
    }

    /// <summary>A break found by the caller (e.g. a row marked deleted), unless an earlier one was found.</summary>
    public void Fail(long sequenceNr, string problem)
    {
        if (Broken is null) Break(sequenceNr, problem);
    }

    /// <summary>A row whose event could not be read.</summary>
    public void Unreadable(long sequenceNr, string error) => Fail(sequenceNr, $"the stored event cannot be read ({error})");

    /// <summary>
    /// The replay ended; <paramref name="highestSequenceNr"/> is the journal's highest for the stream, which counts rows
    /// marked deleted that the replay skipped. Returns the break, if any.
    /// </summary>
    public StreamBreak? Complete(long highestSequenceNr)
    {
        if (Broken is null && highestSequenceNr > _seq)
            Break(_seq + 1, $"events {_seq + 1} to {highestSequenceNr} are in the journal but were not replayed (marked deleted)");
        if (Broken is null && _unchecked.Count > 0) CheckSeals();
        return Broken;
    }

    private bool CheckSeals()
    {
        var last = _unchecked[^1];
        if (key!.EventSealMatches(last.Hash, last.Seal))
        {
            _unchecked.Clear();
            return true;
        }
        var first = _unchecked.First(e => !key.EventSealMatches(e.Hash, e.Seal));
        return Break(first.Seq, "the seal does not match: the event was forged, or its chain re-hashed, without the audit key");
    }

    private bool Break(long sequenceNr, string problem)
    {
        Broken = new StreamBreak(persistenceId, sequenceNr, problem);
        return false;
    }
}
