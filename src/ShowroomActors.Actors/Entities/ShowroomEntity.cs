using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
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
/// </summary>
public abstract class ShowroomEntity<TState, TEvent> : ReceivePersistentActor
    where TEvent : class, IDomainEvent
{
    /// <summary>Akka's built-in snapshot store that holds nothing and answers at once.</summary>
    public const string NoSnapshotStore = "akka.persistence.no-snapshot-store";

    private string _lastHash = HashChain.Genesis;
    private IActorRef? _awaitingPersist;

    protected ShowroomEntity(string entityType, string entityId, TState initial, TimeProvider clock, int snapshotEvery)
    {
        EntityId = entityId;
        PersistenceId = EntityTypes.PersistenceId(entityType, entityId);
        State = initial;
        Clock = clock;
        SnapshotEvery = snapshotEvery;
        if (snapshotEvery <= 0) SnapshotPluginId = NoSnapshotStore;

        Recover<SnapshotOffer>(offer =>
        {
            var snapshot = (EntitySnapshot<TState>)offer.Snapshot;
            State = snapshot.State;
            _lastHash = snapshot.LastHash;
        });
        Recover<ChainedEvent>(chained =>
        {
            State = Apply(State, (TEvent)chained.Event);
            _lastHash = chained.Hash;
        });
        Command<SaveSnapshotSuccess>(ok =>
            DeleteSnapshots(new SnapshotSelectionCriteria(ok.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(failed =>
            Log.Warning(failed.Cause, "Snapshot of {PersistenceId} failed", PersistenceId));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(failed =>
            Log.Warning(failed.Cause, "Deleting old snapshots of {PersistenceId} failed", PersistenceId));
    }

    public override string PersistenceId { get; }
    protected string EntityId { get; }
    protected TState State { get; private set; }
    protected TimeProvider Clock { get; }
    /// <summary>Events between snapshots; 0 or less: never.</summary>
    protected int SnapshotEvery { get; }

    /// <summary>The domain's Apply function, used both for recovery and after each persist.</summary>
    protected abstract TState Apply(TState state, TEvent evt);

    /// <summary>
    /// False while the state holds something not yet in the journal (a slot's folded readings): a snapshot then would
    /// be a state no replay of the journal gives. The snapshot waits for a later persist.
    /// </summary>
    protected virtual bool CanSnapshot(TState state) => true;

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
            sealedEvents[i] = EventChain.Seal(PersistenceId, ++sequenceNr, now, events[i], prevHash);
            prevHash = sealedEvents[i].Hash;
        }

        _lastHash = prevHash;
        _awaitingPersist = Sender;
        var remaining = sealedEvents.Length;
        PersistAll(sealedEvents, chained =>
        {
            State = Apply(State, (TEvent)chained.Event);
            if (--remaining > 0) return;
            _awaitingPersist = null;
            then(State);
            if (SnapshotEvery > 0 && CanSnapshot(State) && LastSequenceNr / SnapshotEvery != (LastSequenceNr - sealedEvents.Length) / SnapshotEvery)
                SaveSnapshot(new EntitySnapshot<TState>(State, _lastHash));
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
