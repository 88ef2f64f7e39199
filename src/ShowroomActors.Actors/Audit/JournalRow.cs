namespace ShowroomActors.Actors.Audit;

/// <summary>One row of the journal table as stored: its global position, stream position, manifest and raw payload.</summary>
public sealed record JournalRow(long Ordering, string PersistenceId, long SequenceNr, string Manifest, byte[] Message);
