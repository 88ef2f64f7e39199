using Akka.Actor;
using Akka.Event;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Domain.Orders;

namespace ShowroomActors.Actors.Orders;

/// <summary>
/// Follows the journal's <c>order</c> tag into the orders board (<see cref="OrderBoardStore"/>). Runs once per cluster
/// (a cluster singleton); each start resumes after the stored offset; a failure restarts the stream with backoff from
/// the offset last committed. Lags the journal by about the query's refresh interval plus the batch window.
/// </summary>
public sealed class OrderBoardProjection : ReceiveActor
{
    private const int BatchSize = 500;
    private static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(200);

    private readonly OrderBoardStore _store;
    private readonly TimeProvider _clock;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public OrderBoardProjection(OrderBoardStore store, TimeProvider clock)
    {
        _store = store;
        _clock = clock;
    }

    public static Props Props(OrderBoardStore store, TimeProvider clock) => Akka.Actor.Props.Create(() => new OrderBoardProjection(store, clock));

    protected override void PreStart()
    {
        var store = _store;
        var clock = _clock;
        var log = _log;
        var readJournal = PersistenceQuery.Get(Context.System).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        RestartSource
            .OnFailuresWithBackoff(() =>
                Source.FromTask(ProjectionStream.Logged(log, "Order board projection", "reading the offset", () => store.StartAsync(CancellationToken.None)))
                    .ConcatMany(offset => readJournal.EventsByTag(EntityTypes.Order, Offset.Sequence(offset)))
                    .GroupedWithin(BatchSize, BatchWindow)
                    .SelectAsync(1, envelopes => ProjectionStream.Logged(log, "Order board projection", "writing a batch", () =>
                        store.ApplyAsync(envelopes.Select(ProjectionStream.Item<IOrderEvent>).ToList(), clock.GetUtcNow(), CancellationToken.None))),
                RestartSettings.Create(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), 0.2))
            .RunWith(Sink.Ignore<long>(), Context.Materializer());
    }
}
