using Akka.Actor;
using Akka.Event;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Actors.Buyers;

/// <summary>
/// Follows the journal's <c>buyer</c> tag into the quota report tables (<see cref="QuotaReportStore"/>). Runs once
/// per cluster (a cluster singleton). Each start reads the stored offset and resumes after it; batches of events
/// are written with the new offset in one transaction. Any failure (database, query) fails the stream, which
/// restarts with exponential backoff from the offset last committed. Lags the journal by about the query's
/// refresh interval plus the batch window (well under a second as configured).
/// </summary>
public sealed class QuotaReportProjection : ReceiveActor
{
    private readonly QuotaReportStore _store;
    private readonly QuotaSettings _settings;
    private readonly TimeProvider _clock;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private long? _resumedFrom;
    private long _offset;
    private long _eventsSinceStart;
    private int _starts;

    public QuotaReportProjection(QuotaReportStore store, QuotaSettings settings, TimeProvider clock)
    {
        _store = store;
        _settings = settings;
        _clock = clock;

        Receive<Resumed>(resumed =>
        {
            _starts++;
            _resumedFrom ??= resumed.Offset;
            _offset = resumed.Offset;
            _log.Info("Quota report projection resumes after journal ordering {Offset} (start {Start})", resumed.Offset, _starts);
        });
        Receive<ProjectedBatch>(batch =>
        {
            _offset = batch.Offset;
            _eventsSinceStart += batch.Events;
        });
        Receive<GetQuotaReportStatus>(_ => Sender.Tell(new QuotaReportStatus(_resumedFrom, _offset, _eventsSinceStart, _starts)));
    }

    public static Props Props(QuotaReportStore store, QuotaSettings settings, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new QuotaReportProjection(store, settings, clock));

    protected override void PreStart()
    {
        var self = Self;
        var readJournal = PersistenceQuery.Get(Context.System).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        var restart = RestartSettings.Create(_settings.ReportMinBackoff, _settings.ReportMaxBackoff, 0.2);

        // The materializer belongs to this actor: when the singleton stops (hand-over, shutdown) the stream stops too.
        RestartSource
            .OnFailuresWithBackoff(() =>
                Source.FromTask(ProjectionStream.Logged(_log, "Quota report projection", "reading the offset", () => _store.StartAsync(CancellationToken.None)))
                    .Select(offset =>
                    {
                        self.Tell(new Resumed(offset));
                        return offset;
                    })
                    .ConcatMany(offset => readJournal.EventsByTag(EntityTypes.Buyer, Offset.Sequence(offset)))
                    .GroupedWithin(_settings.ReportBatchSize, _settings.ReportBatchWindow)
                    .SelectAsync(1, envelopes => ProjectionStream.Logged(_log, "Quota report projection", "writing a batch", () =>
                        _store.ApplyAsync(envelopes.Select(ProjectionStream.Item<IBuyerEvent>).ToList(), _clock.GetUtcNow(), CancellationToken.None))),
                restart)
            .RunForeach(batch => self.Tell(batch), Context.Materializer());
    }

    /// <summary>The stream resumed after <see cref="Offset"/> (local to this actor).</summary>
    private sealed record Resumed(long Offset);
}

/// <summary>Ask the quota report projection (through its singleton proxy) how far it got.</summary>
public sealed record GetQuotaReportStatus : IShowroomMessage;

/// <summary>
/// How far the projection got since this incarnation started. <see cref="ResumedFrom"/>: the stored offset it started
/// after (0 = from the beginning of the journal); <see cref="EventsSinceStart"/>: events it has written since.
/// </summary>
public sealed record QuotaReportStatus(long? ResumedFrom, long Offset, long EventsSinceStart, int Starts) : IShowroomMessage;
