using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using ShowroomActors.Actors.Entities;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Domain.Catalog;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Orders;

namespace ShowroomActors.Actors.Orders;

/// <summary>
/// The order entity (<c>order-{orderId}</c>). Besides the usual decide-persist-reply it runs the order's small
/// process across products (<see cref="OrderProcess"/>): after the intent (or a later step) is persisted it sends
/// each product the idempotent ledger command of the current step, resends unanswered ones on a timer, and
/// persists the outcome once every line has answered. Every message first checks whether the unpaid reservation
/// is due to expire, and a one-shot timer made by the injected TimeProvider delivers a check at the deadline (so a
/// FakeTimeProvider drives expiry in tests, and a waiting order costs no periodic work). After recovery the same
/// loop resumes whatever the journal shows unfinished. With remembered entities (showroom.orders.sharding) the shard
/// restarts such orders after a crash or a restart; an order with no open work passivates when idle.
/// </summary>
public sealed class OrderEntity : ShowroomEntity<OrderState, IOrderEvent>, IWithTimers
{
    private const string TickTimer = "process-tick";

    /// <summary>Longest single wait of the expiry timer; a longer reservation re-arms it (System.Threading timers cap at ~49 days).</summary>
    private static readonly TimeSpan MaxExpiryWait = TimeSpan.FromDays(1);

    private readonly IActorRef _products;
    private readonly OrderSettings _settings;
    private readonly Dictionary<string, IStockLedgerReply> _answers = new(StringComparer.Ordinal);
    private readonly List<IActorRef> _placementWaiters = [];
    private LedgerStep? _answersFor;
    private long _lastSent;
    private ITimer? _expiryTimer;
    private DateTimeOffset? _expiryTimerFor;

    public OrderEntity(string orderId, IActorRef products, TimeProvider clock, OrderSettings settings, int snapshotEvery)
        : base(EntityTypes.Order, orderId, OrderState.Empty(orderId), clock, snapshotEvery)
    {
        _products = products;
        _settings = settings;

        Recover<RecoveryCompleted>(_ => Self.Tell(ProcessTick.Instance));

        Command<GetOrder>(_ =>
        {
            var replyTo = Sender;
            Guarded(() =>
            {
                if (State.Exists) replyTo.Tell(State);
                else ReplyAndPassivate(Rejection.NotFound($"Order '{EntityId}' does not exist.", "orderId"));
            });
        });
        Command<PlaceOrder>(command =>
        {
            var replyTo = Sender;
            Guarded(() => Place(command, replyTo));
        });
        Command<IOrderCommand>(command =>
        {
            var replyTo = Sender;
            Guarded(() => Step(command, replyTo));
        });
        Command<IStockLedgerReply>(reply => Guarded(() => OnLedgerReply(reply)));
        Command<ProcessTick>(_ => Guarded(Drive));
        Command<ExpiryDue>(_ =>
        {
            _expiryTimerFor = null; // fired: Drive arms it again if the deadline is not reached yet
            Guarded(Drive);
        });
        Command<ReceiveTimeout>(_ =>
        {
            if (IsQuiet) Context.Parent.Tell(new Passivate(PoisonPill.Instance));
        });
        // An entity whose journal failed (a product mid-step, the idempotency key recording this order's answer)
        // answers with a bare rejection; ledger steps are resent on the next tick, an answer is asked for again.
        Command<Rejection>(rejection => Log.Warning("Order {OrderId}: a peer could not record its step: {Message}", EntityId, rejection.Message));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string orderId, IActorRef products, TimeProvider clock, OrderSettings settings, int snapshotEvery) =>
        Akka.Actor.Props.Create(() => new OrderEntity(orderId, products, clock, settings, snapshotEvery));

    protected override OrderState Apply(OrderState state, IOrderEvent evt) => OrderState.Apply(state, evt);

    protected override void PostStop()
    {
        _expiryTimer?.Dispose();
        base.PostStop();
    }

    private bool IsQuiet => !State.HasLedgerWork && !State.AwaitsPayment && _placementWaiters.Count == 0;

    /// <summary>Expires a due unpaid reservation first, then runs <paramref name="action"/> on the resulting state.</summary>
    private void Guarded(Action action)
    {
        var expiry = OrderState.Expire(State, Clock.GetUtcNow());
        if (expiry.Events.Count == 0)
        {
            action();
            return;
        }

        PersistThen(expiry.Events, state =>
        {
            Log.Info("Order {OrderId} expired unpaid at {ExpiresAt}; releasing its stock", EntityId, state.ExpiresAt);
            Drive();
            action();
        });
    }

    private void Place(PlaceOrder command, IActorRef replyTo)
    {
        var decision = OrderState.Decide(State, command, Clock.GetUtcNow());
        if (decision.Rejection is { } rejection)
        {
            replyTo.Tell(new OrderPlacementResult(EntityId, null, rejection));
            return;
        }

        PersistThen(decision.Events, state =>
        {
            if (state.PlacementOutcome() is { } outcome) replyTo.Tell(outcome);
            else _placementWaiters.Add(replyTo);
            Drive();
        });
    }

    private void Step(IOrderCommand command, IActorRef replyTo)
    {
        var decision = OrderState.Decide(State, command, Clock.GetUtcNow());
        if (decision.Rejection is { } rejection)
        {
            if (State.Exists) replyTo.Tell(rejection);
            else ReplyAndPassivate(rejection);
            return;
        }

        PersistThen(decision.Events, state =>
        {
            replyTo.Tell(state);
            Drive();
        });
    }

    private void OnLedgerReply(IStockLedgerReply reply)
    {
        if (!OrderProcess.Answers(State, reply)) return; // a late answer to an earlier step, or a repeat
        if (reply is ReservationRefused refused && State.Ledger != LedgerStep.Reserving)
            Log.Error("Order {OrderId}: product {ProductId} refused ledger step {Step}: {Message}",
                EntityId, reply.ProductId, State.Ledger, refused.Rejection.Message);
        _answers[reply.ProductId] = reply;
        Drive();
    }

    /// <summary>
    /// One turn of the process: settle the current ledger step if every line answered, else (re)send the step's
    /// commands to the lines still silent; answer placements that settled; keep the tick running while work is open.
    /// </summary>
    private void Drive()
    {
        if (_answersFor != State.Ledger)
        {
            _answers.Clear();
            _answersFor = State.Ledger;
            _lastSent = 0;
        }

        if (State.HasLedgerWork)
        {
            var settled = OrderProcess.Settle(State, _answers, Clock.GetUtcNow(), _settings.ReservationTimeout);
            if (settled.Events.Count > 0)
            {
                PersistThen(settled.Events, _ => Drive());
                return;
            }

            if (_lastSent == 0 || Stopwatch.GetElapsedTime(_lastSent) >= _settings.RetryAfter)
            {
                if (_lastSent != 0)
                    Log.Info("Order {OrderId}: resending {Step} to products that have not answered", EntityId, State.Ledger);
                foreach (var command in OrderProcess.Commands(State))
                    if (!_answers.ContainsKey(command.ProductId))
                        _products.Tell(command, Self);
                _lastSent = Stopwatch.GetTimestamp();
            }
        }

        if (_placementWaiters.Count > 0 && State.PlacementOutcome() is { } outcome)
        {
            foreach (var waiter in _placementWaiters) waiter.Tell(outcome);
            _placementWaiters.Clear();
        }

        if (State.HasLedgerWork)
        {
            if (!Timers.IsTimerActive(TickTimer)) Timers.StartPeriodicTimer(TickTimer, ProcessTick.Instance, _settings.ProcessTick);
        }
        else
        {
            Timers.Cancel(TickTimer);
        }

        ArmExpiry();
        Context.SetReceiveTimeout(IsQuiet ? _settings.PassivateQuietAfter : null);
    }

    /// <summary>While an unpaid reservation waits, keeps one timer of the order's TimeProvider set for its deadline.</summary>
    private void ArmExpiry()
    {
        var due = State.AwaitsPayment ? State.ExpiresAt : null;
        if (due == _expiryTimerFor) return;
        _expiryTimer?.Dispose();
        _expiryTimer = null;
        _expiryTimerFor = due;
        if (due is null) return;
        var wait = due.Value - Clock.GetUtcNow();
        wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxExpiryWait ? MaxExpiryWait : wait;
        var self = Self;
        _expiryTimer = Clock.CreateTimer(_ => self.Tell(ExpiryDue.Instance), null, wait, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Local timer message: check expiry and resend unanswered ledger steps. Never leaves the node.</summary>
    private sealed class ProcessTick : INotInfluenceReceiveTimeout
    {
        public static readonly ProcessTick Instance = new();
    }

    /// <summary>Local message from the expiry timer: the unpaid reservation's deadline has come.</summary>
    private sealed class ExpiryDue : INotInfluenceReceiveTimeout
    {
        public static readonly ExpiryDue Instance = new();
    }
}
