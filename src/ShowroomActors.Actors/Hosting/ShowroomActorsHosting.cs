using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;
using Akka.Event;
using Akka.Hosting;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Microsoft.Extensions.DependencyInjection;
using ShowroomActors.Actors.Alerts;
using ShowroomActors.Actors.Audit;
using ShowroomActors.Actors.Buyers;
using ShowroomActors.Actors.Catalog;
using ShowroomActors.Actors.Configuration;
using ShowroomActors.Actors.Orders;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Actors.Sharding;
using ShowroomActors.Actors.Shelves;

namespace ShowroomActors.Actors.Hosting;

/// <summary>
/// The node's actor system, composed with Akka.Hosting: <c>AddAkka</c> with the HOCON of hocon/ (and the storage and
/// cluster settings as an overlay), one <c>WithShardRegion</c> per entity type, the two cluster singletons and the
/// catalog read model, each registered under its key (<see cref="ProductRegion"/>, …) for <c>IRequiredActor&lt;T&gt;</c>.
/// The actor system starts and stops with the host (CoordinatedShutdown: the node leaves the cluster and hands its
/// shards off); <see cref="ShowroomSystem"/> is the node as the rest of the code sees it.
/// </summary>
public static class ShowroomActorsHosting
{
    public static IServiceCollection AddShowroomActors(this IServiceCollection services, ShowroomSettings settings, TimeProvider clock, Config? extraConfig = null)
    {
        var config = ShowroomConfig.Build(settings, extraConfig);
        var components = ShowroomComponents.From(settings, config, clock);
        services.AddSingleton(settings);
        services.AddSingleton(clock);
        services.AddSingleton(components);
        services.AddSingleton<ShowroomSystem>();
        services.AddAkka(ShowroomSystem.SystemName, (akka, _) =>
        {
            // Before the actor system opens the journal: SQLite in WAL mode, an old journal's tags column upgraded.
            var preparation = JournalStore.Prepare(settings);
            AuditKeyCheck.Prepare(settings);
            akka.AddHocon(config, HoconAddMode.Prepend);
            if (!settings.UsesPostgres) akka.AddSetup(SqliteTuning.Setup(settings, config));

            akka.StartActors(async (system, _) =>
            {
                await StartReadJournalAsync(system);
                AuditKeyCheck.Announce(system, settings);
                if (preparation.Warning is { } warning) system.Log.Warning("Journal check skipped: {Reason}", warning);
                if (preparation.TagsCopied > 0)
                    system.Log.Info("Journal upgraded: tags of {Events} events copied from the tag table into the journal's tags column", preparation.TagsCopied);
                // With seeds, akka.cluster.seed-nodes (set from SHOWROOM_SEEDS) makes the node join by itself.
                var cluster = Cluster.Get(system);
                if (settings.Seeds.Count == 0) cluster.Join(cluster.SelfAddress);
                CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseClusterLeave, "log-leaving", () =>
                {
                    system.Log.Info("Leaving the cluster and handing this node's shards off");
                    return Task.FromResult(Akka.Done.Instance);
                });
            });
            AddEntities(akka, components, config);
            akka.WithActors((system, registry) => registry.Register<CatalogViewActor>(system.ActorOf(CatalogView.Props(), "catalog-view")));
        });
        return services;
    }

    private static void AddEntities(AkkaConfigurationBuilder akka, ShowroomComponents c, Config config)
    {
        var extractor = new EntityMessageExtractor(config.GetInt("showroom.shard-count", 100));
        var snapshotEvery = config.GetInt("showroom.snapshot-every", 100);
        var shards = new ShardOptions();

        akka.WithShardRegion<ProductRegion>(EntityTypes.Product,
            (_, _, _) => productId => ProductEntity.Props(productId, c.Clock, snapshotEvery), extractor, shards);
        // Slots stop with StopSlot, not a PoisonPill, so they summarise their folded readings first.
        akka.WithShardRegion<SlotRegion>(EntityTypes.Slot,
            (system, _, _) =>
            {
                var pubSub = DistributedPubSub.Get(system).Mediator;
                return slotId => SlotEntity.Props(slotId, c.Clock, snapshotEvery, c.Shelves.Rules, pubSub);
            },
            extractor, new ShardOptions { HandOffStopMessage = StopSlot.Instance });
        akka.WithShardRegion<BuyerRegion>(EntityTypes.Buyer,
            (_, _, _) => buyerId => BuyerEntity.Props(buyerId, c.Clock, snapshotEvery, c.Quotas.Ratios), extractor, shards);
        akka.WithActors((system, registry) => Singleton<QuotaReportProxy>(system, registry, "quota-report",
            QuotaReportProjection.Props(c.QuotaReportStore, c.Quotas, c.Clock)));

        // Orders run a process that must resume after a crash or restart: the order sweeper (a singleton following the
        // order tag) wakes the ones with unfinished work. Orders passivate themselves when quiet, so the region's idle
        // passivation is off (showroom.orders.sharding).
        var orderSharding = config.GetConfig("showroom.orders.sharding") ?? Config.Empty;
        akka.WithShardRegion<OrderRegion>(EntityTypes.Order,
            (_, registry, _) =>
            {
                var peers = new OrderPeers(registry.Get<ProductRegion>(), registry.Get<BuyerRegion>(), registry.Get<SlotRegion>());
                return orderId => OrderEntity.Props(orderId, peers, c.Clock, c.Orders);
            },
            extractor,
            new ShardOptions
            {
                RememberEntities = orderSharding.GetBoolean("remember-entities", false),
                ShouldPassivateIdleEntities = orderSharding.GetString("passivate-idle-entity-after", "off") != "off",
            });
        akka.WithActors((system, registry) => Singleton<OrderSweeperProxy>(system, registry, "order-sweeper",
            OrderSweeper.Props(c.OrderWorkStore, registry.Get<OrderRegion>(), OrderSweeperSettings.From(config), c.Clock)));
        akka.WithActors((system, registry) => Singleton<OrderBoardProxy>(system, registry, "order-board",
            OrderBoardProjection.Props(c.OrderBoardStore, c.Clock)));
        AddTransparencyLog(akka, c);
        // Alerts: acknowledgements are entities; the alert book (and its webhook dispatcher) one singleton following
        // the health tag, placed like the other projections.
        akka.WithShardRegion<AlertRegion>(EntityTypes.Alert,
            (_, _, _) => alertId => AlertAckEntity.Props(alertId, c.Clock), extractor, shards);
        akka.WithActors((system, registry) => Singleton<AlertBookProxy>(system, registry, "alert-book",
            AlertBookProjection.Props(c.AlertBook, c.Webhooks, c.Alerts, c.Clock)));
        akka.WithShardRegion<IdempotencyRegion>(EntityTypes.Idempotency,
            (_, registry, _) =>
            {
                var orders = registry.Get<OrderRegion>();
                return keyHash => IdempotencyEntity.Props(keyHash, orders, c.Clock, c.Orders);
            },
            extractor, shards);
    }

    /// <summary>
    /// The transparency log's only writer is a cluster singleton: one actor in the cluster appends leaves, so leaf numbers
    /// are assigned once and in journal order. Off (<c>showroom.audit.log = off</c>), its key is registered as
    /// <see cref="ActorRefs.Nobody"/> and the audit endpoints that need it answer 503.
    /// </summary>
    private static void AddTransparencyLog(AkkaConfigurationBuilder akka, ShowroomComponents c)
    {
        if (!c.AuditLog.Enabled)
        {
            akka.WithActors((_, registry) => registry.Register<TransparencyLogProxy>(ActorRefs.Nobody));
            return;
        }
        akka.WithActors((system, registry) => Singleton<TransparencyLogProxy>(system, registry, "audit-log",
            TransparencyLog.Props(c.AuditLogStore, c.AuditLog, AuditGuard.Get(system).Key,
                new CheckpointWitness(Path.Combine(c.AuditLogStore.Settings.DataDir, CheckpointWitness.FileName)), c.Clock)));
    }

    /// <summary>A cluster singleton <paramref name="name"/> and its proxy on this node, registered as <typeparamref name="TKey"/>.</summary>
    private static void Singleton<TKey>(ActorSystem system, IActorRegistry registry, string name, Props props)
    {
        system.ActorOf(ClusterSingletonManager.Props(props, PoisonPill.Instance, ClusterSingletonManagerSettings.Create(system)), name);
        // The proxy's "failed to find the singleton" warning fires on its first tick, at start-up: off.
        registry.Register<TKey>(system.ActorOf(ClusterSingletonProxy.Props($"/user/{name}",
            ClusterSingletonProxySettings.Create(system).WithLogSingletonIdentificationFailure(false)), $"{name}-proxy"));
    }

    /// <summary>
    /// Creates the plugin's read journal once, on a thread of its own, before any actor asks for it. Its constructor
    /// blocks its caller's thread for up to 5 s until the write journal has made its tables; the catalog view and the
    /// two projections each ask for it as they start, so on 2 cores they could otherwise hold every thread-pool thread
    /// while the write journal's own start waits for one (seen as 500s right after start under load). Made here, they
    /// find it ready. A database that is down at start is logged; the actors retry as before.
    /// </summary>
    private static async Task StartReadJournalAsync(ActorSystem system)
    {
        try
        {
            await Task.Factory.StartNew(
                () => PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        catch (Exception e)
        {
            system.Log.Warning(e, "The read journal did not start; the indexes and projections retry when they start");
        }
    }
}

/// <summary>What the node's actors are made with: the settings read from HOCON once, the stores, the journal gate.</summary>
public sealed record ShowroomComponents(
    TimeProvider Clock,
    TimeSpan AskTimeout,
    ShelfSettings Shelves,
    QuotaSettings Quotas,
    OrderSettings Orders,
    QuotaReportStore QuotaReportStore,
    OrderWorkStore OrderWorkStore,
    OrderBoardStore OrderBoardStore,
    JournalGate JournalGate,
    AuditLogSettings AuditLog,
    TransparencyLogStore AuditLogStore,
    AlertSettings Alerts,
    AlertBookStore AlertBook,
    WebhookStore Webhooks)
{
    public static ShowroomComponents From(ShowroomSettings settings, Config config, TimeProvider clock)
    {
        var quotas = QuotaSettings.FromConfig(config);
        var alertBook = new AlertBookStore(settings);
        return new ShowroomComponents(
            clock,
            config.GetTimeSpan("showroom.ask-timeout", TimeSpan.FromSeconds(5)),
            ShelfSettings.From(config),
            quotas,
            OrderSettings.From(config) with { CreditAt = quotas.CreditAt },
            new QuotaReportStore(settings),
            new OrderWorkStore(settings),
            new OrderBoardStore(settings),
            new JournalGate(settings, clock),
            AuditLogSettings.From(config),
            new TransparencyLogStore(settings),
            AlertSettings.From(config),
            alertBook,
            new WebhookStore(alertBook));
    }
}
