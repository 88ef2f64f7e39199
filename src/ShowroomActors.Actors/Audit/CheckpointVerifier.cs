using System.Data.Common;
using ShowroomActors.Actors.Serialization;
using ShowroomActors.Domain.Audit;

namespace ShowroomActors.Actors.Audit;

/// <summary>
/// Does the journal still hold what a kept checkpoint committed to? Its first <c>TreeSize</c> events, in journal order,
/// must hash (as leaves of the transparency log) to the checkpoint's root. When they do not, the first missing or
/// changed leaf is named by walking the log's own leaves beside the journal, but only once those leaves are shown to
/// hash to the signed root themselves (a database-only attacker may have altered them too).
/// </summary>
public static class CheckpointVerifier
{
    public static async Task<CheckpointResult> VerifyAsync(AuditJournal journal, TransparencyLogStore log, Checkpoint checkpoint,
        Action<long>? progress = null, CancellationToken cancel = default)
    {
        var frontier = new MerkleFrontier();
        await foreach (var entry in EntriesAsync(journal, checkpoint.TreeSize, cancel))
        {
            frontier.Append(MerkleTree.LeafHash(entry.Hash));
            if (frontier.Size % 50_000 == 0) progress?.Invoke(frontier.Size);
        }
        progress?.Invoke(frontier.Size);
        if (frontier.Size == checkpoint.TreeSize && frontier.Root().AsSpan().SequenceEqual(checkpoint.RootHash))
            return new CheckpointResult(true, checkpoint.TreeSize, null, null);
        var (leaf, problem) = await LocateAsync(journal, log, checkpoint, frontier.Size, cancel);
        return new CheckpointResult(false, frontier.Size, leaf, problem);
    }

    /// <summary>The journal's first <paramref name="count"/> domain events in journal order, as (ordering, raw chain hash).</summary>
    private static async IAsyncEnumerable<(long Ordering, string PersistenceId, long SequenceNr, byte[] Hash)> EntriesAsync(AuditJournal journal, long count,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancel)
    {
        if (count == 0) yield break;
        long read = 0;
        await foreach (var row in journal.AllAsync(0, null, cancel))
        {
            var hash = new byte[MerkleTree.HashBytes];
            try
            {
                // An unreadable row is a leaf of zeros: it cannot match what the checkpoint committed to.
                HashChain.TryParse(ChainedEventJson.HashOf(row.Message), hash);
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or System.Text.Json.JsonException)
            {
            }
            yield return (row.Ordering, row.PersistenceId, row.SequenceNr, hash);
            if (++read == count) yield break;
        }
    }

    private static async Task<(long? Leaf, string Problem)> LocateAsync(AuditJournal journal, TransparencyLogStore log, Checkpoint checkpoint, long held, CancellationToken cancel)
    {
        var summary = held < checkpoint.TreeSize
            ? $"the journal holds {held} events, the checkpoint committed to {checkpoint.TreeSize} (events deleted, or the journal rolled back)"
            : $"the journal's first {checkpoint.TreeSize} events no longer hash to the checkpoint's root (an event changed, removed or reordered)";
        List<(long Ordering, byte[] Entry)> logged;
        try
        {
            logged = [];
            await foreach (var (_, ordering, entry) in log.LeavesAsync(0, checkpoint.TreeSize, cancel)) logged.Add((ordering, entry));
        }
        catch (DbException)
        {
            return (null, $"{summary}; the database holds no transparency log to name the first bad leaf");
        }
        var frontier = new MerkleFrontier();
        foreach (var (_, entry) in logged) frontier.Append(MerkleTree.LeafHash(entry));
        if (frontier.Size != checkpoint.TreeSize || !frontier.Root().AsSpan().SequenceEqual(checkpoint.RootHash))
            return (null, $"{summary}; the transparency log's own tables were altered too, so the first bad leaf cannot be named");

        long index = 0;
        await foreach (var (ordering, pid, seq, hash) in EntriesAsync(journal, checkpoint.TreeSize, cancel))
        {
            var (expectedOrdering, expected) = logged[(int)index];
            if (!hash.AsSpan().SequenceEqual(expected))
                return (index, await DescribeAsync(journal, index, expectedOrdering, expected, $"{pid} seq {seq} (ordering {ordering})", cancel));
            index++;
        }
        var (missingOrdering, missingEntry) = logged[(int)index];
        return (index, await DescribeAsync(journal, index, missingOrdering, missingEntry, null, cancel));
    }

    private static async Task<string> DescribeAsync(AuditJournal journal, long leaf, long ordering, byte[] expected, string? found, CancellationToken cancel)
    {
        var hash = Convert.ToHexStringLower(expected);
        // The event may still be in the journal, elsewhere: rows moved to other positions.
        await foreach (var other in EntriesAsync(journal, long.MaxValue, cancel))
            if (other.Hash.AsSpan().SequenceEqual(expected))
            {
                var moved = $"{other.PersistenceId} seq {other.SequenceNr} (hash {hash}) is in the journal but out of place: at ordering {other.Ordering}, where the log read it at {ordering} (rows reordered)";
                return found is null ? $"leaf {leaf}: {moved}" : $"leaf {leaf}: {moved}; the journal has {found} there";
            }
        var row = await journal.RowAtOrderingAsync(ordering, cancel);
        string? stored = null;
        if (row is not null)
        {
            try
            {
                stored = ChainedEventJson.ReadParts(row.Message).Hash;
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or System.Text.Json.JsonException)
            {
            }
        }
        var what = row is null
            ? $"the event the log read at journal ordering {ordering} (hash {hash}) is missing from the journal (deleted, or the journal rolled back)"
            : $"{row.PersistenceId} seq {row.SequenceNr} (ordering {ordering}) was changed: the checkpoint committed to hash {hash}, the row now holds {stored ?? "no readable hash"}";
        return found is null ? $"leaf {leaf}: {what}" : $"leaf {leaf}: {what}; the journal has {found} there";
    }
}

/// <summary>The outcome: <see cref="Checked"/> journal events compared; the first bad leaf (when it can be named) and what is wrong.</summary>
public sealed record CheckpointResult(bool Ok, long Checked, long? FirstBadLeaf, string? Problem);
