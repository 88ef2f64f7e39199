using Akka.Actor;
using ShowroomActors.Actors.Entities;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Orders;

namespace ShowroomActors.Actors.Orders;

/// <summary>
/// One idempotency key (<c>idempotency-{keyHash}</c>). The first request persists its claim (fingerprint and a new
/// order id) before anything else happens, then asks the order to place itself and persists the settled answer.
/// Repeats wait for, or replay, that answer. A crash at any point is repaired by the client's retry: the claim
/// sends the same order id again, and placing an order is idempotent, so at most one order ever exists per key.
/// </summary>
public sealed class IdempotencyEntity : ShowroomEntity<IdempotencyState, IIdempotencyEvent>, IWithTimers
{
    private const string ResendTimer = "resend";

    private readonly IActorRef _orders;
    private readonly OrderSettings _settings;
    private readonly List<IActorRef> _waiters = [];
    private PlaceOrder? _placing;

    public IdempotencyEntity(string keyHash, IActorRef orders, TimeProvider clock, OrderSettings settings, int snapshotEvery)
        : base(EntityTypes.Idempotency, keyHash, IdempotencyState.Empty(keyHash), clock, snapshotEvery)
    {
        _orders = orders;
        _settings = settings;

        Command<PlaceOrderOnce>(command =>
        {
            var replyTo = Sender;
            var decision = IdempotencyState.Decide(State, command, Clock.GetUtcNow());
            if (decision.Rejection is { } rejection)
            {
                replyTo.Tell(rejection);
                return;
            }

            PersistThen(decision.Events, state =>
            {
                if (state.Answer is { } answer)
                {
                    replyTo.Tell(answer);
                    return;
                }

                _waiters.Add(replyTo);
                _placing = new PlaceOrder(state.OrderId!, command.Request);
                if (!Timers.IsTimerActive(ResendTimer)) SendPlacement();
            });
        });
        Command<OrderPlacementResult>(result =>
        {
            var record = IdempotencyState.Record(State, result, Clock.GetUtcNow());
            if (record.Events.Count == 0) return; // a repeat, or not this key's order
            // The outcome is already persisted by the order, so the waiters get it now; recording it here is only
            // for replays. Should this write fail, a retry asks the order again and gets the same settled outcome.
            foreach (var waiter in _waiters) waiter.Tell(result);
            _waiters.Clear();
            _placing = null;
            Timers.Cancel(ResendTimer);
            PersistThen(record.Events, _ => { });
        });
        Command<Resend>(_ => SendPlacement());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string keyHash, IActorRef orders, TimeProvider clock, OrderSettings settings, int snapshotEvery) =>
        Akka.Actor.Props.Create(() => new IdempotencyEntity(keyHash, orders, clock, settings, snapshotEvery));

    protected override IdempotencyState Apply(IdempotencyState state, IIdempotencyEvent evt) => IdempotencyState.Apply(state, evt);

    /// <summary>Asks the order to place itself, and again every retry interval until it answers (it may be recovering).</summary>
    private void SendPlacement()
    {
        if (_placing is null || State.Answer is not null) return;
        _orders.Tell(_placing, Self);
        Timers.StartSingleTimer(ResendTimer, Resend.Instance, _settings.RetryAfter);
    }

    private sealed class Resend
    {
        public static readonly Resend Instance = new();
    }
}
