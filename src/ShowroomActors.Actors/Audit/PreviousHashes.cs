using ShowroomActors.Actors.Serialization;

namespace ShowroomActors.Actors.Audit;

/// <summary>
/// The previous hash of each row read in journal order across many streams. Rows do not store it (it is the hash of
/// the stream's row before), so a reader of the global log remembers the last hash it saw per stream and asks the
/// journal only for a stream's first row in view, or when rows were skipped (a tag filter).
/// </summary>
public sealed class PreviousHashes(AuditJournal journal)
{
    private readonly Dictionary<string, (long Seq, string Hash)> _last = new(StringComparer.Ordinal);

    /// <summary>The hash <paramref name="row"/> is chained after (the genesis hash for a stream's first event), or null when the row before is missing.</summary>
    public async ValueTask<string?> OfAsync(JournalRow row, CancellationToken cancel)
    {
        var (_, stored, hash, _) = ChainedEventJson.ReadParts(row.Message);
        var previous = stored
            ?? (_last.TryGetValue(row.PersistenceId, out var last) && last.Seq == row.SequenceNr - 1
                ? last.Hash
                : await journal.HashAtAsync(row.PersistenceId, row.SequenceNr - 1, cancel));
        _last[row.PersistenceId] = (row.SequenceNr, hash);
        return previous;
    }
}
