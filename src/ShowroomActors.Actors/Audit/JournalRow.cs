namespace ShowroomActors.Actors.Audit;

/// <summary>
/// One row of the journal table as stored: its global position, stream position, manifest, raw payload, and the
/// plugin's <c>deleted</c> flag (nothing in this system sets it: a row marked deleted is tampering).
/// </summary>
public sealed record JournalRow(long Ordering, string PersistenceId, long SequenceNr, string Manifest, byte[] Message, bool Deleted = false);
