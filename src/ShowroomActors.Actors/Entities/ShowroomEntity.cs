using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using ShowroomActors.Actors.Audit;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Domain.Audit;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Actors.Entities;

/// <summary>
/// The shared shape of every persistent entity: recover by applying the domain's Apply function to each
/// chained event, persist new events sealed into the hash chain with one PersistAll (one transaction), apply
/// the same function, then reply. Snapshots every <see cref="SnapshotEvery"/> events; old snapshots are
/// deleted, events never. Entities whose streams stay short (orders, idempotency keys: a handful of events each) pass
/// 0: they never snapshot and use Akka's no-snapshot store, so starting one costs no snapshot query.
/// <para>
/// Nothing tampered with is served: every replayed event goes through a <see cref="RecoveryCheck"/> (chain links,
/// hashes, seals), a snapshot must carry its seal (<see cref="SnapshotSeals"/>; a bad one is discarded and the entity
/// restarts to rebuild from events), and a broken stream is quarantined: the entity answers every command with
/// <see cref="RejectionCode.Quarantined"/>. Subclasses that act once recovery is complete override
/// <see cref="OnRecoveryCompleted"/>.
/// </para>
/// <para>
/// Messages are matched with a <c>switch</c> (<see cref="OnCommand"/>), not with <c>ReceivePersistentActor</c>'s
/// registered handlers: those are built per actor instance (a delegate and its matching machinery per message type,
/// ~1.4 KB for a slot), and a showroom keeps tens of thousands of entities alive (docs/PERFORMANCE.md).
/// </para>
/// </summary>
public abstract class ShowroomEntity<TState, TEvent> : PersistentActor
    where TEvent : class, IDomainEvent
{
    /// <summary>Akka's built-in snapshot store that holds nothing and answers at once.</summary>
    public const string NoSnapshotStore = "akka.persistence.no-snapshot-store";

    private string _lastHash = HashChain.Genesis;
    private IActorRef? _awaitingPersist;
    private readonly AuditGuard _guard;
    /// <summary>Checks the replay; dropped once recovery is complete (the entity lives on, the check's state need not).</summary>
    private RecoveryCheck? _check;
    private readonly long? _snapshotLimit;
    private SnapshotMetadata? _rejectedSnapshot;
    private bool _rejectedSnapshotWasSealed;
    /// <summary>Set when the stream is quarantined: every command is answered with it.</summary>
    private IEntityReply? _quarantined;

    protected ShowroomEntity(string entityType, string entityId, TState initial, TimeProvider clock, int snapshotEvery)
    {
        EntityType = entityType;
        EntityId = entityId;
        PersistenceId = EntityTypes.PersistenceId(entityType, entityId);
        State = initial;
        Clock = clock;
        SnapshotEvery = snapshotEvery;
        if (snapshotEvery <= 0) SnapshotPluginId = NoSnapshotStore;
        _guard = AuditGuard.Get(Context.System);
        _check = new RecoveryCheck(PersistenceId, _guard.Key.Seals, _guard.AcceptUnsealed);
        // A restart after a bad snapshot: recover from an older one (or from the events alone).
        _snapshotLimit = snapshotEvery > 0 ? _guard.TakeSnapshotLimit(PersistenceId) : null;
    }

    private RecoveryCheck Check => _check ?? throw new InvalidOperationException("The replay check is let go once recovery is complete.");

    protected sealed override bool ReceiveRecover(object message)
    {
        switch (message)
        {
            case ChainedEvent chained:
                // After a rejected snapshot nothing is applied: the entity restarts without it once the replay ends.
                if (_rejectedSnapshot is not null || !Check.Accept(LastSequenceNr, chained)) return true;
                State = Apply(State, (TEvent)chained.Event);
                _lastHash = chained.Hash;
                return true;
            case SnapshotOffer offer:
                Offered(offer);
                return true;
            case UnreadableEvent unreadable:
                Check.Unreadable(LastSequenceNr, unreadable.Error);
                return true;
            case RecoveryCompleted:
                Recovered();
                return true;
            default:
                return false;
        }
    }

    protected sealed override bool ReceiveCommand(object message)
    {
        if (_quarantined is { } refusal)
        {
            Quarantined(message, refusal);
            return true;
        }
        switch (message)
        {
            case SaveSnapshotSuccess ok:
                DeleteSnapshots(new SnapshotSelectionCriteria(ok.Metadata.SequenceNr - 1));
                return true;
            case SaveSnapshotFailure failed:
                Log.Warning(failed.Cause, "Snapshot of {PersistenceId} failed", PersistenceId);
                return true;
            case DeleteSnapshotsSuccess:
                return true;
            case DeleteSnapshotsFailure failed:
                Log.Warning(failed.Cause, "Deleting old snapshots of {PersistenceId} failed", PersistenceId);
                return true;
            default:
                return OnCommand(message);
        }
    }

    /// <summary>The entity's own messages (commands, replies of peers, timers); false for one it does not handle.</summary>
    protected abstract bool OnCommand(object message);

    private void Offered(SnapshotOffer offer)
    {
        var snapshot = (EntitySnapshot<TState>)offer.Snapshot;
        if (!SnapshotSeals.Verify(snapshot, PersistenceId, offer.Metadata.SequenceNr, _guard.Key.Seals))
        {
            _rejectedSnapshot = offer.Metadata;
            _rejectedSnapshotWasSealed = snapshot.Seal is not null;
            return;
        }
        State = snapshot.State;
        _lastHash = snapshot.LastHash;
        Check.ContinueFrom(offer.Metadata.SequenceNr, snapshot.LastHash);
    }

    public override string PersistenceId { get; }

    /// <summary>The entity type (<c>slot</c>, <c>product</c>, ...), the tag of its journal metrics.</summary>
    protected string EntityType { get; }

    public override Recovery Recovery =>
        _snapshotLimit is { } limit ? new Recovery(new SnapshotSelectionCriteria(limit)) : base.Recovery;
    protected string EntityId { get; }
    protected TState State { get; private set; }
    protected TimeProvider Clock { get; }
    /// <summary>Events between snapshots; 0 or less: never.</summary>
    protected int SnapshotEvery { get; }

    /// <summary>The domain's Apply function, used both for recovery and after each persist.</summary>
    protected abstract TState Apply(TState state, TEvent evt);

    /// <summary>Called once the entity has recovered an intact stream (not when it is quarantined).</summary>
    protected virtual void OnRecoveryCompleted()
    {
    }

    private void Recovered()
    {
        if (_rejectedSnapshot is { } bad)
        {
            if (_rejectedSnapshotWasSealed)
                Log.Error("Snapshot {SequenceNr} of {PersistenceId} does not match its seal (altered): discarded; the entity restarts and rebuilds from its events",
                    bad.SequenceNr, PersistenceId);
            else
                Log.Warning("Snapshot {SequenceNr} of {PersistenceId} has no seal (written before snapshots were sealed): discarded; the entity restarts and rebuilds from its events",
                    bad.SequenceNr, PersistenceId);
            _guard.RejectSnapshot(PersistenceId, bad.SequenceNr);
            DeleteSnapshot(bad.SequenceNr);
            throw new SnapshotRejectedException(PersistenceId, bad.SequenceNr);
        }
        var broken = Check.Complete(LastSequenceNr);
        _check = null;
        if (broken is not null)
        {
            Quarantine(broken);
            return;
        }
        _guard.Release(PersistenceId);
        OnRecoveryCompleted();
    }

    /// <summary>Refuses every command with the break, serves nothing, and passivates when idle.</summary>
    private void Quarantine(StreamBreak broken)
    {
        Log.Error("Stream {PersistenceId} is quarantined: broken at seq {FirstBrokenSeq}: {Problem}. Nothing is served from it until the journal is repaired",
            broken.PersistenceId, broken.FirstBrokenSeq, broken.Problem);
        _guard.Quarantine(broken);
        _quarantined = Refusal(Rejection.Quarantined(broken));
        SetReceiveTimeout(QuarantinedIdle);
    }

    private void Quarantined(object message, IEntityReply refusal)
    {
        if (message is IEntityCommand) Sender.Tell(refusal);
        else if (message is ReceiveTimeout) Context.Parent.Tell(new Passivate(PoisonPill.Instance));
        // Anything else (a region's stop message at hand-off or passivation): stopping loses nothing here.
        else Context.Stop(Self);
    }

    /// <summary>A quarantined entity passivates after this long without messages.</summary>
    private static readonly TimeSpan QuarantinedIdle = TimeSpan.FromMinutes(2);

    /// <summary>
    /// False while the state holds something not yet in the journal (a slot's folded readings): a snapshot then would
    /// be a state no replay of the journal gives. The snapshot waits for a later persist.
    /// </summary>
    protected virtual bool CanSnapshot(TState state) => true;

    /// <summary>Called once <paramref name="events"/> are persisted and applied, before the continuation (e.g. to count them in a metric).</summary>
    protected virtual void OnPersisted(IReadOnlyList<TEvent> events)
    {
    }

    /// <summary>
    /// Takes a state the domain decided without an event to persist (a slot folding readings into its steady run).
    /// It is lost if the process dies before a later event records it; use only where the domain says what that loses.
    /// </summary>
    protected void TakeUnrecorded(TState state) => State = state;

    /// <summary>
    /// <paramref name="rejection"/> as this aggregate's reply type (e.g. <c>ProductReply.Rejected</c>): every refusal,
    /// the journal failing included, reaches the asker in the family of replies it expects.
    /// </summary>
    protected abstract IEntityReply Refusal(Rejection rejection);

    /// <summary>
    /// Persist <paramref name="events"/> as one atomic write, apply them, then call <paramref name="then"/>
    /// with the new state (at once when there is nothing to persist, e.g. an idempotent repeat).
    /// </summary>
    protected void PersistThen(IReadOnlyList<TEvent> events, Action<TState> then)
    {
        if (events.Count == 0)
        {
            then(State);
            return;
        }

        var now = Clock.GetUtcNow();
        var sealedEvents = new ChainedEvent[events.Count];
        var sequenceNr = LastSequenceNr;
        var prevHash = _lastHash;
        for (var i = 0; i < events.Count; i++)
        {
            sealedEvents[i] = EventChain.Seal(PersistenceId, ++sequenceNr, now, events[i], prevHash, _guard.Key.Seals);
            prevHash = sealedEvents[i].Hash;
        }

        _lastHash = prevHash;
        _awaitingPersist = Sender;
        var remaining = sealedEvents.Length;
        var started = Stopwatch.GetTimestamp();
        PersistAll(sealedEvents, chained =>
        {
            State = Apply(State, (TEvent)chained.Event);
            if (--remaining > 0) return;
            JournalMetrics.Written(EntityType, started);
            _awaitingPersist = null;
            OnPersisted(events);
            then(State);
            if (SnapshotEvery > 0 && CanSnapshot(State) && LastSequenceNr / SnapshotEvery != (LastSequenceNr - sealedEvents.Length) / SnapshotEvery)
                SaveSnapshot(SnapshotSeals.Seal(new EntitySnapshot<TState>(State, _lastHash, LastSequenceNr), PersistenceId, _guard.Key.Seals));
        });
    }

    /// <summary>Decide, then persist and answer with <paramref name="reply"/>, or answer the rejection.</summary>
    protected void Handle(Decision<TEvent> decision, Func<TState, IEntityReply> reply)
    {
        if (decision.Rejection is { } rejection)
        {
            Sender.Tell(Refusal(rejection));
            return;
        }

        var replyTo = Sender;
        PersistThen(decision.Events, state => replyTo.Tell(reply(state)));
    }

    /// <summary>Refuse, then ask the shard to stop this entity (used for reads of entities that do not exist).</summary>
    protected void RefuseAndPassivate(Rejection rejection)
    {
        Sender.Tell(Refusal(rejection));
        Context.Parent.Tell(new Passivate(PoisonPill.Instance));
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        // The journal is unreachable or failed the write: tell the caller now instead of letting it time out.
        // Akka stops this actor after this call; the next message recovers it from the journal.
        _awaitingPersist?.Tell(Refusal(Rejection.Unavailable("The journal is unavailable; nothing was recorded. Retry later.")));
        Log.Error(cause, "Persisting event {SequenceNr} of {PersistenceId} failed", sequenceNr, PersistenceId);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        // The journal refused the write (e.g. serialization). Nothing was stored, but the chain in memory moved on:
        // stop, so the next message recovers the true chain from the journal.
        _awaitingPersist?.Tell(Refusal(Rejection.Unavailable("The event could not be recorded; nothing was changed.")));
        Log.Error(cause, "Journal rejected event {SequenceNr} of {PersistenceId}", sequenceNr, PersistenceId);
        Context.Stop(Self);
    }
}

/// <summary>Thrown (once) by an entity whose snapshot failed its seal check, so it restarts and recovers without it.</summary>
public sealed class SnapshotRejectedException(string persistenceId, long sequenceNr)
    : Exception($"Snapshot {sequenceNr} of {persistenceId} failed its seal check; restarting to rebuild from events.");
