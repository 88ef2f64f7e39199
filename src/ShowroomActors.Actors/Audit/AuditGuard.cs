using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Event;
using ShowroomActors.Domain.Audit;

namespace ShowroomActors.Actors.Audit;

/// <summary>
/// What every entity of one actor system shares for its integrity checks: the audit key (from the file named by
/// <c>showroom.audit.signing-key-file</c>, which the configuration sets from <c>SHOWROOM_AUDIT_SIGNING_KEY</c> or the
/// data folder), the streams found broken on this node (quarantined; <c>/health/ready</c> lists them) and the
/// snapshots found bad that a restarted entity must skip.
/// </summary>
public sealed class AuditGuard : IExtension
{
    private readonly ConcurrentDictionary<string, StreamBreak> _quarantined = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _rejectedSnapshots = new(StringComparer.Ordinal);

    public AuditGuard(ExtendedActorSystem system)
    {
        var config = system.Settings.Config;
        var path = config.GetString("showroom.audit.signing-key-file", "");
        var log = Logging.GetLogger(system, "audit");
        if (string.IsNullOrWhiteSpace(path))
        {
            Key = AuditSigningKey.Ephemeral();
            log.Warning("No showroom.audit.signing-key-file configured: seals and checkpoints use a key that lives only in this process");
        }
        else
        {
            Key = AuditSigningKey.LoadOrCreate(path);
            if (Key.Generated) log.Warning("Generated a new audit signing key at {KeyFile}", path);
        }
        AcceptUnsealed = config.GetBoolean("showroom.audit.accept-unsealed", false);
    }

    public static AuditGuard Get(ActorSystem system) => system.WithExtension<AuditGuard, AuditGuardProvider>();

    public AuditSigningKey Key { get; }

    /// <summary>Events without a seal (written before seals existed) are accepted at recovery (showroom.audit.accept-unsealed).</summary>
    public bool AcceptUnsealed { get; }

    /// <summary>Streams this node found broken since it started, by persistence id.</summary>
    public IReadOnlyCollection<StreamBreak> Quarantined => _quarantined.Values.OrderBy(b => b.PersistenceId, StringComparer.Ordinal).ToList();

    public void Quarantine(StreamBreak broken) => _quarantined[broken.PersistenceId] = broken;

    /// <summary>The stream recovered intact (e.g. after a repair): no longer listed.</summary>
    public void Release(string persistenceId) => _quarantined.TryRemove(persistenceId, out _);

    /// <summary>Remembers that the snapshot of <paramref name="persistenceId"/> at <paramref name="sequenceNr"/> is bad.</summary>
    public void RejectSnapshot(string persistenceId, long sequenceNr) => _rejectedSnapshots[persistenceId] = sequenceNr;

    /// <summary>The highest snapshot sequence number the next recovery may use (below a rejected one), consumed once.</summary>
    public long? TakeSnapshotLimit(string persistenceId) =>
        _rejectedSnapshots.TryRemove(persistenceId, out var rejected) ? rejected - 1 : null;
}

public sealed class AuditGuardProvider : ExtensionIdProvider<AuditGuard>
{
    public override AuditGuard CreateExtension(ExtendedActorSystem system) => new(system);
}
