using Akka.Actor;
using Akka.Event;
using ShowroomActors.Actors.Entities;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Orders;

namespace ShowroomActors.Actors.Orders;

/// <summary>
/// One idempotency key (<c>idempotency-{keyHash}</c>). The first request persists its claim (fingerprint and a new
/// order id) before anything else happens, then asks the order to place itself. The order's settled placement is
/// the answer: it is fixed once settled and kept in the order's journal, so the key does not record a copy (one
/// journal write less per order); it remembers it while it stays in memory, and after that a repeat asks the order
/// again and gets the same answer. A crash at any point is repaired by the client's retry: the claim sends the same
/// order id again, and placing an order is idempotent, so at most one order ever exists per key. Its stream is one
/// event long, so it never snapshots.
/// </summary>
public sealed class IdempotencyEntity : ShowroomEntity<IdempotencyState, IIdempotencyEvent>, IWithTimers
{
    private const string ResendTimer = "resend";

    private readonly IActorRef _orders;
    private readonly OrderSettings _settings;
    private readonly List<IActorRef> _waiters = [];
    private PlaceOrder? _placing;
    private OrderPlacementResult? _answer;

    public IdempotencyEntity(string keyHash, IActorRef orders, TimeProvider clock, OrderSettings settings)
        : base(EntityTypes.Idempotency, keyHash, IdempotencyState.Empty(keyHash), clock, snapshotEvery: 0)
    {
        _orders = orders;
        _settings = settings;
    }

    protected override bool OnCommand(object message)
    {
        switch (message)
        {
            case PlaceOrderOnce command: Place(command); return true;
            case OrderReply.Placement placement: Placed(placement); return true;
            // The order could not record the placement (its journal failed): the resend timer asks it again.
            case OrderReply.Rejected rejected:
                Log.Warning("Idempotency key {KeyHash}: the order could not record the placement: {Message}", EntityId, rejected.Rejection.Message);
                return true;
            case Resend: SendPlacement(); return true;
            default: return false;
        }
    }

    private void Place(PlaceOrderOnce command)
    {
        var replyTo = Sender;
        var decision = IdempotencyState.Decide(State, command, Clock.GetUtcNow());
        if (decision.Rejection is { } rejection)
        {
            replyTo.Tell(Refusal(rejection));
            return;
        }

        PersistThen(decision.Events, state =>
        {
            if ((state.Answer ?? _answer) is { } answer)
            {
                replyTo.Tell(new OrderReply.Placement(answer));
                return;
            }

            _waiters.Add(replyTo);
            _placing = new PlaceOrder(state.OrderId!, command.Request);
            if (!Timers.IsTimerActive(ResendTimer)) SendPlacement();
        });
    }

    private void Placed(OrderReply.Placement placement)
    {
        var result = placement.Result;
        if (!IdempotencyState.IsAnswerFor(State, result) || _answer is not null) return; // a repeat, or not this key's order
        // The order persisted this outcome before answering, so it is final: answer every waiter now.
        _answer = result;
        foreach (var waiter in _waiters) waiter.Tell(placement);
        _waiters.Clear();
        _placing = null;
        Timers.Cancel(ResendTimer);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string keyHash, IActorRef orders, TimeProvider clock, OrderSettings settings) =>
        EntityMailbox.For(Akka.Actor.Props.Create(() => new IdempotencyEntity(keyHash, orders, clock, settings)));

    protected override IdempotencyState Apply(IdempotencyState state, IIdempotencyEvent evt) => IdempotencyState.Apply(state, evt);

    protected override IEntityReply Refusal(Rejection rejection) => new OrderReply.Rejected(rejection);

    /// <summary>Asks the order to place itself, and again every retry interval until it answers (it may be recovering).</summary>
    private void SendPlacement()
    {
        if (_placing is null || State.Answer is not null || _answer is not null) return;
        _orders.Tell(_placing, Self);
        Timers.StartSingleTimer(ResendTimer, Resend.Instance, _settings.RetryAfter);
    }

    private sealed class Resend
    {
        public static readonly Resend Instance = new();
    }
}
