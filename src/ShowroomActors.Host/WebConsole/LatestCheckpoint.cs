using System.Data.Common;
using ShowroomActors.Actors;
using ShowroomActors.Actors.Audit;
using ShowroomActors.Domain.Audit;

namespace ShowroomActors.Host.WebConsole;

/// <summary>
/// The transparency log's latest signed checkpoint as the audit explorer shows it: what it commits to (tree size, root
/// hash, time), the key id that signed it and whether that signature verifies with this node's audit key; the signed
/// note itself is what an auditor prints or keeps. Read from the log's own table, as
/// <c>GET /api/v1/audit/checkpoints/latest</c> reads it.
/// </summary>
public sealed record LatestCheckpoint(string Origin, long TreeSize, string RootHash, DateTimeOffset Time, string KeyId, bool Verifies, string Note)
{
    /// <summary>What the explorer shows: the checkpoint, or why there is none (log off, none signed yet, unreadable).</summary>
    public sealed record Reading(LatestCheckpoint? Checkpoint, string? Missing);

    public static async Task<Reading> ReadAsync(ShowroomSystem showroom, CancellationToken cancel)
    {
        if (!showroom.AuditLogSettings.Enabled) return new Reading(null, "The transparency log is switched off on this node (showroom.audit.log = off).");
        string? note;
        try
        {
            note = (await showroom.AuditLogStore.CheckpointsAsync(1, null, cancel)).FirstOrDefault();
        }
        catch (DbException e)
        {
            return new Reading(null, $"The transparency log could not be read ({e.Message}); retry.");
        }
        if (note is null) return new Reading(null, "No checkpoint has been signed yet (one is signed every minute while events are recorded).");
        var key = AuditGuard.Get(showroom.System).Key.PublicKey;
        var checkpoint = Checkpoint.Parse(note);
        bool verifies;
        try
        {
            Checkpoint.Verify(note, key);
            verifies = true;
        }
        catch (CheckpointException)
        {
            verifies = false;
        }
        return new Reading(new LatestCheckpoint(checkpoint.Origin, checkpoint.TreeSize, Convert.ToBase64String(checkpoint.RootHash),
            checkpoint.Time, key.KeyId.ToString("x8", System.Globalization.CultureInfo.InvariantCulture), verifies, note), null);
    }
}
