using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Domain.Alerts;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Actors.Alerts;

/// <summary>
/// Follows the journal's <c>health</c> tag (slot bindings, the devices' and slots' health facts, acknowledgements)
/// into the alert book (<see cref="AlertBookStore"/>). Runs once per cluster (a cluster singleton, like the other
/// projections); each start resumes after the stored offset; a failure restarts the stream with backoff from the offset
/// last committed. After each committed batch it logs the changes (an alert opening is a warning), publishes
/// <see cref="AlertBookChanged"/> for the alert streams on every node, and wakes its <see cref="WebhookDispatcher"/>.
/// </summary>
public sealed class AlertBookProjection : ReceiveActor
{
    private const int BatchSize = 500;
    private static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(100);

    private readonly AlertBookStore _store;
    private readonly TimeProvider _clock;
    private readonly IActorRef _pubSub;
    private readonly IActorRef _dispatcher;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public AlertBookProjection(AlertBookStore store, WebhookStore webhooks, AlertSettings settings, TimeProvider clock)
    {
        _store = store;
        _clock = clock;
        _pubSub = DistributedPubSub.Get(Context.System).Mediator;
        _dispatcher = Context.ActorOf(WebhookDispatcher.Props(webhooks, settings, clock), "webhooks");
        Receive<AlertBatchResult>(Committed);
    }

    public static Props Props(AlertBookStore store, WebhookStore webhooks, AlertSettings settings, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new AlertBookProjection(store, webhooks, settings, clock));

    protected override void PreStart()
    {
        var store = _store;
        var clock = _clock;
        var log = _log;
        var self = Self;
        var readJournal = PersistenceQuery.Get(Context.System).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        RestartSource
            .OnFailuresWithBackoff(() =>
                Source.FromTask(ProjectionStream.Logged(log, "Alert book", "reading the offset", () => store.StartAsync(CancellationToken.None)))
                    .ConcatMany(offset => readJournal.EventsByTag(EventTagger.HealthTag, Offset.Sequence(offset)))
                    .GroupedWithin(BatchSize, BatchWindow)
                    .SelectAsync(1, envelopes => ProjectionStream.Logged(log, "Alert book", "writing a batch", () =>
                        store.ApplyAsync(envelopes.Select(Item).ToList(), clock.GetUtcNow(), CancellationToken.None))),
                RestartSettings.Create(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), 0.2))
            .RunWith(Sink.ForEach<AlertBatchResult>(result => self.Tell(result)), Context.Materializer());
    }

    private static (long Ordinal, IDomainEvent? Event, DateTimeOffset At) Item(EventEnvelope envelope) =>
        envelope.Event is ChainedEvent chained
            ? (((Sequence)envelope.Offset).Value, chained.Event, chained.AtTime)
            : (((Sequence)envelope.Offset).Value, null, DateTimeOffset.FromUnixTimeMilliseconds(envelope.Timestamp));

    private void Committed(AlertBatchResult result)
    {
        if (result.Changes.Count == 0) return;
        foreach (var change in result.Changes) Log(change);
        _pubSub.Tell(new Publish(AlertBookChanged.Topic, new AlertBookChanged(result.Offset)));
        _dispatcher.Tell(WebhookDispatcher.Kick.Instance);
    }

    private void Log(AlertChange change)
    {
        var a = change.Alert;
        switch (change.Change)
        {
            case AlertChanges.Opened:
                _log.Warning("Alert {AlertId} opened: {Kind} on slot {SlotId} (device {DeviceId})", a.AlertId, a.Kind, a.SlotId, a.DeviceId ?? "-");
                break;
            case AlertChanges.Acknowledged:
                _log.Info("Alert {AlertId} acknowledged through {AcknowledgedBy}: {Kind} on slot {SlotId}", a.AlertId, a.AcknowledgedBy, a.Kind, a.SlotId);
                break;
            default:
                _log.Info("Alert {AlertId} resolved ({ResolvedBy}): {Kind} on slot {SlotId}", a.AlertId, a.ResolvedBy, a.Kind, a.SlotId);
                break;
        }
    }
}
