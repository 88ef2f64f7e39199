using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using ShowroomActors.Actors.Entities;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Catalog;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Orders;
using ShowroomActors.Domain.Shelves;

namespace ShowroomActors.Actors.Orders;

/// <summary>
/// The order entity (<c>order-{orderId}</c>). Besides the usual decide-persist-reply it runs the order's small
/// process across other entities: while placing, it checks the buyer account and slot the request names
/// (<see cref="PlacementChecks"/>, asked at once, in parallel with persisting the intent) and then sends each product
/// the idempotent ledger command of the current step (<see cref="OrderProcess"/>), resends unanswered ones on a
/// timer, and persists the outcome once every line has answered; after a milestone it sends the buyer account the
/// updates the milestone made due (<see cref="OrderQuota"/>) until each is acknowledged. Every message first checks
/// whether the unpaid reservation is due to expire, and a one-shot timer made by the injected TimeProvider delivers a
/// check at the deadline (so a FakeTimeProvider drives expiry in tests, and a waiting order costs no periodic work).
/// After recovery the same loop resumes whatever the journal shows unfinished; the <see cref="OrderSweeper"/> starts
/// orders that have unfinished work or a payment deadline and are not in memory (after a crash or a restart). An order
/// with no open work passivates when idle.
/// </summary>
public sealed class OrderEntity : ShowroomEntity<OrderState, IOrderEvent>, IWithTimers
{
    private const string TickTimer = "process-tick";
    private const string BuyerCheck = "buyer-check";
    private const string SlotCheck = "slot-check";
    private const string QuotaUpdate = "quota-update";

    /// <summary>Longest single wait of the expiry timer; a longer reservation re-arms it (System.Threading timers cap at ~49 days).</summary>
    private static readonly TimeSpan MaxExpiryWait = TimeSpan.FromDays(1);

    private readonly OrderPeers _peers;
    private readonly OrderSettings _settings;
    private readonly PeerAsks _asks;
    private readonly Dictionary<string, IStockLedgerReply> _answers = new(StringComparer.Ordinal);
    private readonly List<IActorRef> _placementWaiters = [];
    private LedgerStep? _answersFor;
    private PlacementChecks? _checks;
    private long _lastSent;
    private ITimer? _expiryTimer;
    private DateTimeOffset? _expiryTimerFor;

    /// <summary>An order's stream stays short (a dozen events at most), so it never snapshots.</summary>
    public OrderEntity(string orderId, OrderPeers peers, TimeProvider clock, OrderSettings settings)
        : base(EntityTypes.Order, orderId, OrderState.Empty(orderId), clock, snapshotEvery: 0)
    {
        _peers = peers;
        _settings = settings;
        _asks = new PeerAsks(Self, settings.RetryAfter);
    }

    protected override bool OnCommand(object message)
    {
        var replyTo = Sender;
        switch (message)
        {
            case GetOrder:
                Guarded(() =>
                {
                    if (State.Exists) replyTo.Tell(Viewed(State));
                    else RefuseAndPassivate(Rejection.NotFound($"Order '{EntityId}' does not exist.", "orderId"));
                });
                return true;
            case ResumeOrder:
                Guarded(() =>
                {
                    if (State.Exists) Drive();
                    else Context.Parent.Tell(new Passivate(PoisonPill.Instance));
                });
                return true;
            case PlaceOrder command: Guarded(() => Place(command, replyTo)); return true;
            case IOrderCommand command: Guarded(() => Step(command, replyTo)); return true;
            case IStockLedgerReply reply: Guarded(() => OnLedgerReply(reply)); return true;
            case BuyerChecked answer: Guarded(() => OnBuyerChecked(answer)); return true;
            case SlotChecked answer: Guarded(() => OnSlotChecked(answer)); return true;
            case BuyerUpdated answer: Guarded(() => OnBuyerUpdated(answer)); return true;
            case ProcessTick: Guarded(Drive); return true;
            case ExpiryDue:
                _expiryTimerFor = null; // fired: Drive arms it again if the deadline is not reached yet
                Guarded(Drive);
                return true;
            case ReceiveTimeout:
                if (IsQuiet) Context.Parent.Tell(new Passivate(PoisonPill.Instance));
                return true;
            // A product whose journal failed mid-step answers with its rejection instead of a ledger answer; the step is
            // resent on the next tick.
            case ProductReply.Rejected rejected:
                Log.Warning("Order {OrderId}: a product could not record its step: {Message}", EntityId, rejected.Rejection.Message);
                return true;
            default:
                return false;
        }
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string orderId, OrderPeers peers, TimeProvider clock, OrderSettings settings) =>
        EntityMailbox.For(Akka.Actor.Props.Create(() => new OrderEntity(orderId, peers, clock, settings)));

    protected override OrderState Apply(OrderState state, IOrderEvent evt) => OrderState.Apply(state, evt);

    protected override IEntityReply Refusal(Rejection rejection) => new OrderReply.Rejected(rejection);

    protected override void OnRecoveryCompleted() => Self.Tell(ProcessTick.Instance);

    private static OrderReply Viewed(OrderState state) => new OrderReply.Viewed(OrderView.Of(state));

    protected override void PostStop()
    {
        _expiryTimer?.Dispose();
        base.PostStop();
    }

    private bool HasOpenWork => State.HasLedgerWork || State.HasQuotaWork;

    /// <summary>
    /// Nothing to drive: the order may passivate. An unpaid order waiting for its deadline counts as quiet; if it is not in
    /// memory when the deadline comes, the order sweeper wakes it.
    /// </summary>
    private bool IsQuiet => !HasOpenWork && _placementWaiters.Count == 0;

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
            replyTo.Tell(new OrderReply.Placement(new OrderPlacementResult(EntityId, null, rejection)));
            return;
        }

        // A new order: look up its buyer account and slot while its intent is being written (the answers wait in
        // the stash until the write is done). No product is asked before both the intent and the checks are in.
        if (decision.Events.Count > 0) StartStep(LedgerStep.Reserving, command.Request);
        PersistThen(decision.Events, state =>
        {
            if (state.PlacementOutcome() is { } outcome) replyTo.Tell(new OrderReply.Placement(outcome));
            else _placementWaiters.Add(replyTo);
            Drive();
        });
    }

    private void Step(IOrderCommand command, IActorRef replyTo)
    {
        var now = Clock.GetUtcNow();
        var decision = OrderQuota.Follow(State, OrderState.Decide(State, command, now), _settings.CreditAt);
        if (decision.Rejection is { } rejection)
        {
            if (State.Exists) replyTo.Tell(Refusal(rejection));
            else RefuseAndPassivate(rejection);
            return;
        }

        PersistThen(decision.Events, state =>
        {
            replyTo.Tell(Viewed(state));
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

    private void OnBuyerChecked(BuyerChecked answer)
    {
        if (_checks is null || State.Ledger != LedgerStep.Reserving || State.Request?.BuyerId != answer.BuyerId) return;
        _checks = _checks.WithBuyer(answer.BuyerId, (answer.Answer as BuyerReply.Target)?.CreditTarget, answer.Answer?.RejectionOrNull());
        if (_checks.BuyerChecked || _checks.Failure is not null || answer.Answer is null) _asks.Done(BuyerCheck);
        Drive();
    }

    private void OnSlotChecked(SlotChecked answer)
    {
        if (_checks is null || State.Ledger != LedgerStep.Reserving || State.Request?.SlotId != answer.SlotId) return;
        // Any answer but a rejection is the slot itself: it exists.
        _checks = answer.Answer is null ? _checks : _checks.WithSlot(answer.SlotId, answer.Answer.RejectionOrNull());
        if (_checks.SlotChecked || _checks.Failure is not null || answer.Answer is null) _asks.Done(SlotCheck);
        Drive();
    }

    private void OnBuyerUpdated(BuyerUpdated answer)
    {
        var settled = OrderQuota.Settle(State, answer.Sent, answer.Answer, Clock.GetUtcNow());
        if (settled.Events.Count == 0)
        {
            // Not (or no longer) the pending update's answer, or a transient one: a timeout resends at once, an
            // unavailable account after the retry interval.
            if (answer.Answer is null) _asks.Done(QuotaUpdate);
            return;
        }

        _asks.Done(QuotaUpdate);
        if (settled.Events[0] is OrderQuotaRefused refused)
            Log.Error("Order {OrderId}: buyer account {AccountId} refused the {Update}: {Message}",
                EntityId, refused.AccountId, refused.Update, refused.Rejection.Message);
        PersistThen(settled.Events, _ => Drive());
    }

    /// <summary>Forgets the answers of the previous ledger step; a placing order (re)starts its checks.</summary>
    private void StartStep(LedgerStep step, OrderRequest request)
    {
        _answers.Clear();
        _answersFor = step;
        _lastSent = 0;
        _checks = step == LedgerStep.Reserving ? PlacementChecks.For(request) : null;
        AskChecks(request);
    }

    private void AskChecks(OrderRequest request)
    {
        if (_checks is not { Complete: false } checks) return;
        if (!checks.BuyerChecked && request.BuyerId is { } buyerId)
            _asks.Ask<BuyerReply>(BuyerCheck, _peers.Buyers, new GetCreditTarget(buyerId), answer => new BuyerChecked(buyerId, answer));
        if (!checks.SlotChecked && request.SlotId is { } slotId)
            _asks.Ask<SlotReply>(SlotCheck, _peers.Slots, new GetSlot(slotId), answer => new SlotChecked(slotId, answer));
    }

    /// <summary>
    /// One turn of the process: settle the current ledger step if every check and line answered, else (re)send what is
    /// still unanswered; send the pending quota update; answer placements that settled; keep the tick running while
    /// work is open.
    /// </summary>
    private void Drive()
    {
        if (_answersFor != State.Ledger && State.Request is { } request) StartStep(State.Ledger, request);

        if (State.HasLedgerWork)
        {
            // Checks matter only while placing; the other steps ignore them.
            var checks = _checks ?? PlacementChecks.For(State.Request!);
            var settled = OrderProcess.Settle(State, checks, _answers, Clock.GetUtcNow(), _settings.Policy);
            if (settled.Events.Count > 0)
            {
                PersistThen(settled.Events, _ => Drive());
                return;
            }

            AskChecks(State.Request!);
            if (_lastSent == 0 || Stopwatch.GetElapsedTime(_lastSent) >= _settings.RetryAfter)
            {
                var sent = 0;
                foreach (var command in OrderProcess.Commands(State, checks))
                {
                    if (_answers.ContainsKey(command.ProductId)) continue;
                    _peers.Products.Tell(command, Self);
                    sent++;
                }
                if (sent > 0)
                {
                    if (_lastSent != 0)
                        Log.Info("Order {OrderId}: resent {Step} to {Count} products that have not answered", EntityId, State.Ledger, sent);
                    _lastSent = Stopwatch.GetTimestamp();
                }
            }
        }

        if (OrderQuota.Command(State) is { } update)
            _asks.Ask<BuyerReply>(QuotaUpdate, _peers.Buyers, update, answer => new BuyerUpdated(update, answer));

        if (_placementWaiters.Count > 0 && State.PlacementOutcome() is { } outcome)
        {
            foreach (var waiter in _placementWaiters) waiter.Tell(new OrderReply.Placement(outcome));
            _placementWaiters.Clear();
        }

        if (HasOpenWork)
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

    /// <summary>Local: the buyer account's answer to <see cref="GetCreditTarget"/> (its credit target or a rejection; null: no answer in time).</summary>
    private sealed record BuyerChecked(string BuyerId, BuyerReply? Answer);

    /// <summary>Local: the slot's answer to a read (its view or a rejection; null: no answer in time).</summary>
    private sealed record SlotChecked(string SlotId, SlotReply? Answer);

    /// <summary>Local: the buyer account's answer to a quota update the order sent (null: no answer in time).</summary>
    private sealed record BuyerUpdated(IBuyerCommand Sent, BuyerReply? Answer);

    /// <summary>Local timer message: check expiry and resend unanswered steps. Never leaves the node.</summary>
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
