using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Orders;

namespace ShowroomActors.Actors.Orders;

/// <summary>
/// Wakes orders nobody else will. An order runs its process only while it is in memory; after a crash, a restart or a
/// shard hand-over nothing would start it again, and an unpaid order that passivated while waiting must still expire.
/// So this cluster singleton follows the journal's <c>order</c> tag into <see cref="OrderWorkStore"/> (what each
/// unfinished order still has to do, <see cref="OrderWork"/>; offset and rows in one transaction per batch, resumed
/// after any restart), and every <c>sweep-every</c> sends <see cref="ResumeOrder"/> to each order whose wake time
/// has come: open work older than the grace (a running order finishes in milliseconds), or a payment deadline. An
/// order woken again and again (its peer is down) is woken at most every <c>wake-again-after</c>. This replaces
/// remembered entities, whose journal write sat on the critical path of every placement.
/// </summary>
public sealed class OrderSweeper : ReceiveActor, IWithTimers
{
    private const string SweepTimer = "sweep";

    private readonly OrderWorkStore _store;
    private readonly IActorRef _orders;
    private readonly OrderSweeperSettings _settings;
    private readonly TimeProvider _clock;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, long> _wokenAt = new(StringComparer.Ordinal);
    private bool _sweeping;
    private long _offset;
    private long _woken;

    public OrderSweeper(OrderWorkStore store, IActorRef orders, OrderSweeperSettings settings, TimeProvider clock)
    {
        _store = store;
        _orders = orders;
        _settings = settings;
        _clock = clock;

        Receive<Resumed>(resumed => _log.Info("Order sweeper follows the order tag after journal ordering {Offset}", resumed.Offset));
        Receive<Projected>(projected => _offset = projected.Offset);
        Receive<Sweep>(_ =>
        {
            if (_sweeping) return;
            _sweeping = true;
            _store.DueAsync(_clock.GetUtcNow(), OrderSweeperSettings.MaxWakePerSweep, CancellationToken.None)
                .PipeTo(Self, success: due => new Due(due), failure: e => new SweepFailed(e));
        });
        Receive<Due>(due =>
        {
            _sweeping = false;
            Wake(due.OrderIds);
        });
        Receive<SweepFailed>(failed =>
        {
            _sweeping = false;
            _log.Warning(failed.Cause, "Order sweeper could not read the orders due; trying again at the next sweep");
        });
        Receive<GetOrderSweeperStatus>(_ => Sender.Tell(new OrderSweeperStatus(_offset, _woken)));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(OrderWorkStore store, IActorRef orders, OrderSweeperSettings settings, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new OrderSweeper(store, orders, settings, clock));

    protected override void PreStart()
    {
        var self = Self;
        var readJournal = PersistenceQuery.Get(Context.System).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        var restart = RestartSettings.Create(_settings.RestartMinBackoff, _settings.RestartMaxBackoff, 0.2);
        var log = _log;
        var store = _store;
        var settings = _settings;
        var clock = _clock;

        // The materializer belongs to this actor: when the singleton stops (hand-over, shutdown) the stream stops too.
        RestartSource
            .OnFailuresWithBackoff(() =>
                Source.FromTask(ProjectionStream.Logged(log, "Order sweeper", "reading the offset", () => store.StartAsync(CancellationToken.None)))
                    .Select(offset =>
                    {
                        self.Tell(new Resumed(offset));
                        return offset;
                    })
                    .ConcatMany(offset => readJournal.EventsByTag(EntityTypes.Order, Offset.Sequence(offset)))
                    .GroupedWithin(settings.BatchSize, settings.BatchWindow)
                    .SelectAsync(1, envelopes => ProjectionStream.Logged(log, "Order sweeper", "writing a batch", () =>
                        store.ApplyAsync(envelopes.Select(ProjectionStream.Item<IOrderEvent>).ToList(), settings.Grace, clock.GetUtcNow(), CancellationToken.None))),
                restart)
            .RunForeach(offset => self.Tell(new Projected(offset)), Context.Materializer());

        Timers.StartPeriodicTimer(SweepTimer, Sweep.Instance, _settings.SweepEvery);
    }

    private void Wake(IReadOnlyList<string> due)
    {
        foreach (var (orderId, at) in _wokenAt.ToList())
            if (Stopwatch.GetElapsedTime(at) >= _settings.WakeAgainAfter) _wokenAt.Remove(orderId);
        var woken = 0;
        foreach (var orderId in due)
        {
            if (_wokenAt.ContainsKey(orderId)) continue;
            _wokenAt[orderId] = Stopwatch.GetTimestamp();
            _orders.Tell(new ResumeOrder(orderId));
            woken++;
        }
        _woken += woken;
        if (woken > 0) _log.Info("Order sweeper woke {Count} orders with unfinished work or a payment deadline", woken);
    }

    private sealed record Resumed(long Offset);

    private sealed record Projected(long Offset);

    private sealed record Due(IReadOnlyList<string> OrderIds);

    private sealed record SweepFailed(Exception Cause);

    private sealed class Sweep
    {
        public static readonly Sweep Instance = new();
    }
}

/// <summary>Ask the order sweeper (through its singleton proxy) how far it got.</summary>
public sealed record GetOrderSweeperStatus : IShowroomMessage;

/// <summary>The journal ordering the sweeper's read model reached, and how many wake-ups it sent since it started.</summary>
public sealed record OrderSweeperStatus(long Offset, long Woken) : IShowroomMessage;
