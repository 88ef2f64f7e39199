using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Domain.Catalog;

namespace ShowroomActors.Actors.Catalog;

/// <summary>
/// The ids of every registered product, kept by following the journal's <c>catalog</c> tag (only
/// ProductRegistered events carry it). One per node; a read model, never a source of truth: it lags the
/// journal by about the query refresh interval. The stream restarts itself if the query fails.
/// </summary>
public sealed class CatalogIndex : ReceiveActor
{
    private ImmutableSortedSet<string> _productIds = ImmutableSortedSet<string>.Empty;

    public CatalogIndex()
    {
        var log = Context.GetLogger();
        var self = Self;
        var readJournal = PersistenceQuery.Get(Context.System).ReadJournalFor<SqlReadJournal>("akka.persistence.query.journal.sql");
        RestartSource
            .WithBackoff(() => readJournal.EventsByTag(EventTagger.CatalogTag, Offset.NoOffset()),
                RestartSettings.Create(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), 0.2))
            .RunForeach(envelope => self.Tell(envelope), Context.System.Materializer());

        Receive<EventEnvelope>(envelope =>
        {
            if (envelope.Event is ChainedEvent { Event: ProductRegistered registered })
                _productIds = _productIds.Add(registered.ProductId);
        });
        Receive<ListProductIds>(_ => Sender.Tell(new ProductIds(_productIds)));
        log.Debug("Catalog index started");
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new CatalogIndex());

    /// <summary>Ask for <see cref="ProductIds"/>. Local to a node, never serialized.</summary>
    public sealed record ListProductIds;

    public sealed record ProductIds(IReadOnlyCollection<string> Ids);
}
