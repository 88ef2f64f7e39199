using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Persistence;
using ShowroomActors.Actors.Entities;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Shelves;

namespace ShowroomActors.Actors.Shelves;

/// <summary>
/// The shelf slot entity (<c>slot-{slotId}</c>). Logic lives in <see cref="SlotState"/>; this actor persists what it
/// decides (or takes the state with folded readings when the domain folds a request into the steady run), publishes
/// display changes to the slot's DistributedPubSub topic after they are persisted, and keeps one timer for whatever is
/// due next (steady-run summary, screen idle, device offline). Timers do not survive passivation or a restart, so the
/// timer is re-armed after recovery and reads first record whatever became due meanwhile. Sharding stops a slot with
/// <see cref="StopSlot"/> (passivation, hand-off, shutdown): it summarises its folded readings first.
/// </summary>
public sealed class SlotEntity : ShowroomEntity<SlotState, ISlotEvent>
{
    private readonly SlotRules _rules;
    private readonly IActorRef _publishTo;
    /// <summary>The one scheduled <see cref="Due"/> (a plain scheduler message: an actor's timer scheduler costs more memory per slot).</summary>
    private ICancelable? _due;
    /// <summary>When <see cref="_due"/> fires (null: nothing scheduled).</summary>
    private DateTimeOffset? _armedFor;

    public SlotEntity(string slotId, TimeProvider clock, int snapshotEvery, SlotRules rules, IActorRef publishTo)
        : base(EntityTypes.Slot, slotId, SlotState.Empty(slotId), clock, snapshotEvery)
    {
        _rules = rules;
        _publishTo = publishTo;
    }

    protected override bool OnCommand(object message)
    {
        switch (message)
        {
            case GetSlot: Read(state => new SlotReply.Viewed(SlotView.Of(state, Now, _rules))); return true;
            case GetDisplay: Read(state => new SlotReply.Shown(state.CurrentDisplay)); return true;
            case VerifyDevice c: AnswerCheck(SlotState.Verify(State, c.DeviceIds, c.Key)); return true;
            case IngestSensorEvents c: Ingest(c); return true;
            case NoteDevicePresence c: NotePresence(c); return true;
            case BindSlot c: Bind(c); return true;
            case Due:
                _armedFor = null;
                Record(SlotState.Tick(State, Now, _rules).Events, _ => { });
                return true;
            case StopSlot: Stop(); return true;
            default: return false;
        }
    }

    protected override void PostStop()
    {
        _due?.Cancel();
        base.PostStop();
    }

    private DateTimeOffset Now => Clock.GetUtcNow();

    public static Props Props(string slotId, TimeProvider clock, int snapshotEvery, SlotRules rules, IActorRef publishTo) =>
        EntityMailbox.For(Akka.Actor.Props.Create(() => new SlotEntity(slotId, clock, snapshotEvery, rules, publishTo)));

    protected override SlotState Apply(SlotState state, ISlotEvent evt) => SlotState.Apply(state, evt);

    protected override IEntityReply Refusal(Rejection rejection) => new SlotReply.Rejected(rejection);

    protected override void OnRecoveryCompleted() => ArmTimer();

    protected override bool CanSnapshot(SlotState state) => state.Steady is null;

    /// <summary>Summarises the folded readings (if any), then stops: what a crash would lose is kept on a graceful stop.</summary>
    private void Stop()
    {
        if (SlotState.CloseSteadyRun(State, "stop") is not { } summary)
        {
            Context.Stop(Self);
            return;
        }
        PersistThen([summary], _ => Context.Stop(Self));
    }

    /// <summary>Answers a read, after recording what became due while no timer ran (e.g. after a restart).</summary>
    private void Read(Func<SlotState, SlotReply> answer)
    {
        if (!State.IsBound)
        {
            RefuseAndPassivate(NotSetUp);
            return;
        }
        var replyTo = Sender;
        Record(SlotState.Tick(State, Now, _rules).Events, state => replyTo.Tell(answer(state)));
    }

    private void Ingest(IngestSensorEvents command)
    {
        var received = Stopwatch.GetTimestamp();
        var decision = SlotState.Ingest(State, command, Now, _rules);
        if (decision.Check != DeviceCheck.Ok)
        {
            AnswerCheck(decision.Check);
            return;
        }
        var replyTo = Sender;
        var answer = new SlotReply.Ingested(new SensorBatchResult(EntityId, decision.Accepted, decision.Duplicates, decision.Folded));
        Record(decision.Events, _ => replyTo.Tell(answer), decision.FoldedState, received);
    }

    private void NotePresence(NoteDevicePresence command)
    {
        var (check, events) = SlotState.Presence(State, command, Now);
        if (check != DeviceCheck.Ok)
        {
            AnswerCheck(check);
            return;
        }
        var replyTo = Sender;
        Record(events, _ => replyTo.Tell(new SlotReply.DeviceVerified(EntityId)));
    }

    private Rejection NotSetUp => Rejection.NotFound($"Slot '{EntityId}' is not set up.", "slotId");

    /// <summary>Answers a key check; a slot that was never set up also passivates.</summary>
    private void AnswerCheck(DeviceCheck check)
    {
        switch (check)
        {
            case DeviceCheck.Ok: Sender.Tell(new SlotReply.DeviceVerified(EntityId)); break;
            case DeviceCheck.UnknownSlot: RefuseAndPassivate(NotSetUp); break;
            case DeviceCheck.NoDevice: Sender.Tell(Refusal(Rejection.Conflict($"Slot '{EntityId}' has no sensor device bound.", "slotId"))); break;
            default: Sender.Tell(new SlotReply.DeviceRefused(EntityId)); break;
        }
    }

    private void Bind(BindSlot command)
    {
        var decision = SlotState.Decide(State, command, Now, _rules);
        if (decision.Rejection is { } rejection)
        {
            Sender.Tell(Refusal(rejection));
            return;
        }
        var replyTo = Sender;
        Record(decision.Events, state => replyTo.Tell(new SlotReply.Viewed(SlotView.Of(state, Now, _rules))));
    }

    /// <summary>
    /// Persists, takes <paramref name="folded"/> (the state with readings folded into the steady run) when given, then
    /// publishes a display change (only once it is recorded), re-arms the timer and continues. A change caused by a
    /// sensor batch taken at <paramref name="receivedTimestamp"/> is timed (<see cref="DisplayMetrics"/>).
    /// </summary>
    private void Record(IReadOnlyList<ISlotEvent> events, Action<SlotState> then, SlotState? folded = null, long? receivedTimestamp = null)
    {
        var versionBefore = State.Display.Version;
        PersistThen(events, state =>
        {
            DeviceHealthLog.Write(Log, events);
            if (folded is not null) TakeUnrecorded(state = folded);
            if (state.Display.Version != versionBefore)
            {
                _publishTo.Tell(new Publish(DisplayTopics.For(EntityId), state.CurrentDisplay));
                if (receivedTimestamp is { } received) DisplayMetrics.Published(received);
            }
            ArmTimer();
            then(state);
        });
    }

    /// <summary>
    /// Sets the timer for the next due moment. A timer already set for that moment or earlier is kept: it fires, finds
    /// less or nothing due, and sets the next. So a device heard four times a second (each reading moves its offline
    /// deadline) does not replace the timer four times a second.
    /// </summary>
    private void ArmTimer()
    {
        if (State.NextDueAt(_rules) is not { } due)
        {
            if (_armedFor is null) return;
            _due?.Cancel();
            _armedFor = null;
            return;
        }
        if (_armedFor is { } armed && armed <= due) return;
        _due?.Cancel();
        var delay = due - Now;
        _due = Context.System.Scheduler.ScheduleTellOnceCancelable(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, Self, Due.Instance, ActorRefs.NoSender);
        _armedFor = due;
    }

    /// <summary>The timer's message: something in <see cref="SlotState.NextDueAt"/> is due. Local only.</summary>
    private sealed class Due
    {
        public static readonly Due Instance = new();
    }
}
