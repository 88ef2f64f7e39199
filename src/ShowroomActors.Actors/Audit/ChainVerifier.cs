using System.Text.Json;
using ShowroomActors.Actors.Serialization;
using ShowroomActors.Domain.Audit;

namespace ShowroomActors.Actors.Audit;

/// <summary>The outcome of checking one stream's hash chain.</summary>
public sealed record VerifyResult(string PersistenceId, bool Ok, long Checked, long? FirstBrokenSeq, string? Problem);

/// <summary>
/// Recomputes a stream's hash chain from the stored rows. A row breaks the chain when its payload cannot be
/// read, its hash does not match its content, or its prevHash is not the previous row's hash (a deleted, inserted
/// or reordered row). The first stream row must link to the genesis hash.
/// </summary>
public static class ChainVerifier
{
    public static async Task<VerifyResult> VerifyAsync(IAsyncEnumerable<JournalRow> rows, string persistenceId, CancellationToken cancel = default)
    {
        var checker = new Checker(persistenceId);
        await foreach (var row in rows.WithCancellation(cancel))
            if (checker.Add(row) is { } broken) return broken;
        return checker.Result();
    }

    /// <summary>
    /// Verifies every stream in one pass over rows ordered by stream and sequence number; reports each broken
    /// stream once (at its first broken row). <paramref name="progress"/> gets the number of rows read so far.
    /// </summary>
    public static async Task<(long Streams, long Rows, IReadOnlyList<VerifyResult> Broken)> VerifyAllAsync(
        IAsyncEnumerable<JournalRow> rowsByStream, Action<long>? progress = null, CancellationToken cancel = default)
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
                current = new Checker(row.PersistenceId);
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
        progress?.Invoke(rows);
        return (streams, rows, broken);
    }

    /// <summary>Incremental checker, for verifying many streams in one pass over the journal.</summary>
    public sealed class Checker(string persistenceId)
    {
        private string _previousHash = HashChain.Genesis;
        private long _checked;

        public string PersistenceId => persistenceId;

        /// <summary>Checks the next row of the stream; a result when the chain breaks here, else null.</summary>
        public VerifyResult? Add(JournalRow row)
        {
            _checked++;
            string at, prevHash, hash;
            byte[] payload;
            try
            {
                (at, prevHash, hash, payload) = ChainedEventJson.ReadParts(row.Message);
            }
            catch (JsonException e)
            {
                return Broken(row, $"payload unreadable: {e.Message}");
            }
            if (prevHash != _previousHash)
                return Broken(row, "prevHash does not match the previous event's hash (a row was removed, inserted or reordered)");
            if (HashChain.Compute(row.PersistenceId, row.SequenceNr, at, row.Manifest, prevHash, payload) != hash)
                return Broken(row, "hash does not match the stored content");
            _previousHash = hash;
            return null;
        }

        public VerifyResult Result() => new(persistenceId, true, _checked, null, null);

        private VerifyResult Broken(JournalRow row, string problem) => new(persistenceId, false, _checked, row.SequenceNr, problem);
    }
}
