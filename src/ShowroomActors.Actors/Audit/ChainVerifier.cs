using System.Text.Json;
using ShowroomActors.Actors.Serialization;
using ShowroomActors.Domain.Audit;

namespace ShowroomActors.Actors.Audit;

/// <summary>The outcome of checking one stream's hash chain.</summary>
public sealed record VerifyResult(string PersistenceId, bool Ok, long Checked, long? FirstBrokenSeq, string? Problem);

/// <summary>
/// Recomputes a stream's hash chain from the stored rows, with the same checks an entity makes when it recovers
/// (<see cref="RecoveryCheck"/>). A row breaks the chain when its payload cannot be read, its hash does not match its
/// content, its prevHash is not the previous row's hash (a deleted, inserted or reordered row), a sequence number is
/// missing, or it is marked deleted. The first row must link to the genesis hash. With the audit key's seals
/// (<paramref name="seals"/>, held by the operator, not by an outside auditor) every event must also carry a matching seal,
/// which catches a re-hashed chain and forged events added to a stream.
/// </summary>
public static class ChainVerifier
{
    public static async Task<VerifyResult> VerifyAsync(IAsyncEnumerable<JournalRow> rows, string persistenceId, CancellationToken cancel = default, SealKey? seals = null)
    {
        var checker = new Checker(persistenceId, seals);
        await foreach (var row in rows.WithCancellation(cancel))
            if (checker.Add(row) is { } broken) return broken;
        return checker.Result();
    }

    /// <summary>
    /// Verifies every stream in one pass over rows ordered by stream and sequence number; reports each broken
    /// stream once (at its first broken row). <paramref name="progress"/> gets the number of rows read so far.
    /// </summary>
    public static async Task<(long Streams, long Rows, IReadOnlyList<VerifyResult> Broken)> VerifyAllAsync(
        IAsyncEnumerable<JournalRow> rowsByStream, Action<long>? progress = null, CancellationToken cancel = default, SealKey? seals = null)
    {
        var broken = new List<VerifyResult>();
        Checker? current = null;
        var skipping = false;
        long streams = 0, rows = 0;
        await foreach (var row in rowsByStream.WithCancellation(cancel))
        {
            rows++;
            if (rows % 50_000 == 0) progress?.Invoke(rows);
            if (current?.PersistenceId != row.PersistenceId)
            {
                if (current is not null && !skipping && current.Result() is { Ok: false } tail) broken.Add(tail);
                current = new Checker(row.PersistenceId, seals);
                skipping = false;
                streams++;
            }
            if (skipping) continue;
            if (current.Add(row) is { } result)
            {
                broken.Add(result);
                skipping = true;
            }
        }
        if (current is not null && !skipping && current.Result() is { Ok: false } last) broken.Add(last);
        progress?.Invoke(rows);
        return (streams, rows, broken);
    }

    /// <summary>Incremental checker, for verifying many streams in one pass over the journal.</summary>
    public sealed class Checker(string persistenceId, SealKey? seals = null)
    {
        private readonly RecoveryCheck _check = new(persistenceId, seals);
        private long _checked;

        public string PersistenceId => persistenceId;

        /// <summary>Checks the next row of the stream; a result when the chain breaks here, else null.</summary>
        public VerifyResult? Add(JournalRow row)
        {
            _checked++;
            if (row.Deleted)
            {
                // Before the chain check: a row marked deleted still links, but recovery skips it.
                _check.Fail(row.SequenceNr, "the row is marked deleted (nothing in this system deletes events)");
                return Broken();
            }
            ChainedEnvelope envelope;
            try
            {
                envelope = ChainedEventJson.ReadEnvelope(row.Message);
            }
            catch (JsonException e)
            {
                _check.Fail(row.SequenceNr, $"payload unreadable: {e.Message}");
                return Broken();
            }
            return _check.Accept(row.SequenceNr, row.Manifest, envelope.At, envelope.PrevHash, envelope.Hash, envelope.Seal, envelope.Payload)
                ? null
                : Broken();
        }

        /// <summary>The stream's verdict once its last row was added (the seals are checked here).</summary>
        public VerifyResult Result() =>
            _check.Broken is null && _check.Complete(_check.LastSequenceNr) is null
                ? new VerifyResult(persistenceId, true, _checked, null, null)
                : Broken();

        private VerifyResult Broken() => new(persistenceId, false, _checked, _check.Broken!.FirstBrokenSeq, _check.Broken.Problem);
    }
}
