using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;
using Akka.Event;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using ShowroomActors.Actors.Audit;
using ShowroomActors.Actors.Buyers;
using ShowroomActors.Actors.Catalog;
using ShowroomActors.Actors.Configuration;
using ShowroomActors.Actors.Orders;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Actors.Sharding;
using ShowroomActors.Actors.Shelves;

namespace ShowroomActors.Actors;

/// <summary>
/// The running actor system: cluster membership, and one shard region per entity type. The host creates one
/// per process; tests may create several (port 0) to form a cluster in one process.
/// </summary>
public sealed class ShowroomSystem
{
    public const string SystemName = "showroom";

    private ShowroomSystem(ActorSystem system, ShowroomSettings settings, TimeProvider clock, IActorRef products)
    {
        Catalog = system.ActorOf(CatalogView.Props(), "catalog-view");
        System = system;
        Settings = settings;
        Clock = clock;
        Products = products;
        AskTimeout = system.Settings.Config.GetTimeSpan("showroom.ask-timeout", TimeSpan.FromSeconds(5));
        JournalGate = new JournalGate(settings, clock);
    }

    public ActorSystem System { get; }
    public ShowroomSettings Settings { get; }
    public TimeProvider Clock { get; }
    public TimeSpan AskTimeout { get; }

    /// <summary>Fails requests fast while the journal's database is down.</summary>
    public JournalGate JournalGate { get; }

    /// <summary>Shard region of product entities (<c>product-{productId}</c>).</summary>
    public IActorRef Products { get; }

    /// <summary>Every shard region by entity type, for cluster status and operations.</summary>
    public IReadOnlyDictionary<string, IActorRef> Regions => new Dictionary<string, IActorRef>
    {
        [EntityTypes.Product] = Products,
        [EntityTypes.Slot] = Slots,
        [EntityTypes.Buyer] = Buyers,
        [EntityTypes.Order] = Orders,
        [EntityTypes.Idempotency] = IdempotencyKeys,
    };
    /// <summary>Shard region of order entities (<c>order-{orderId}</c>).</summary>
    public IActorRef Orders { get; private init; } = ActorRefs.Nobody;

    /// <summary>Proxy of the order sweeper (a cluster singleton that wakes unfinished orders): ask it for <see cref="OrderSweeperStatus"/>.</summary>
    public IActorRef OrderSweeper { get; private init; } = ActorRefs.Nobody;

    /// <summary>Shard region of idempotency keys (<c>idempotency-{keyHash}</c>), the entry point for placing orders.</summary>
    public IActorRef IdempotencyKeys { get; private init; } = ActorRefs.Nobody;

    public OrderSettings OrderSettings { get; private init; } = OrderSettings.Default;

    /// <summary>This node's catalog read model (<see cref="CatalogView"/>): products with stock, and lift to buy.</summary>
    public IActorRef Catalog { get; }

    /// <summary>Shard region of shelf slot entities (<c>slot-{slotId}</c>).</summary>
    public IActorRef Slots { get; private init; } = ActorRefs.Nobody;

    /// <summary>The slots' rules and the screens' stream settings (showroom.shelves).</summary>
    public ShelfSettings Shelves { get; private init; } = null!;

    /// <summary>This node's DistributedPubSub mediator: slots publish display changes to it, screens subscribe.</summary>
    public IActorRef PubSub { get; private init; } = ActorRefs.Nobody;
    /// <summary>Shard region of buyer entities (<c>buyer-{buyerId}</c>).</summary>
    public IActorRef Buyers { get; private init; } = ActorRefs.Nobody;

    /// <summary>showroom.quotas: ratio table and crediting policy (the order process calls QuotaCrediting with CreditAt).</summary>
    public QuotaSettings Quotas { get; private init; } = null!;

    /// <summary>Proxy of the quota report projection (a cluster singleton): ask it for <see cref="QuotaReportStatus"/>.</summary>
    public IActorRef QuotaReport { get; private init; } = ActorRefs.Nobody;

    /// <summary>The quota report's read model (tables in the journal's database).</summary>
    public QuotaReportStore QuotaReportStore { get; private init; } = null!;

    public Cluster Cluster => Cluster.Get(System);

    /// <summary>True when this node is an Up member of the cluster.</summary>
    public bool IsUp => Cluster.SelfMember.Status == MemberStatus.Up;

    /// <summary>
    /// Creates the plugin's read journal once, on a thread of its own, before any actor asks for it. Its constructor
    /// blocks its caller's thread for up to 5 s until the write journal has made its tables; the catalog
    /// view and the two projections each ask for it as they start, so on 2 cores they could otherwise hold every
    /// thread-pool thread while the write journal's own start waits for one (seen as 500s right after start under
    /// load). Made here, they find it ready. A database that is down at start is logged; the actors retry as before.
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

    public static async Task<ShowroomSystem> StartAsync(ShowroomSettings settings, TimeProvider clock, Config? extraConfig = null)
    {
        var preparation = JournalStore.Prepare(settings);
        AuditKeyCheck.Prepare(settings);
        var config = ShowroomConfig.Build(settings, extraConfig);
        var bootstrap = BootstrapSetup.Create().WithConfig(config);
        var system = settings.UsesPostgres
            ? ActorSystem.Create(SystemName, bootstrap)
            : ActorSystem.Create(SystemName, bootstrap.And(SqliteTuning.Setup(settings, config)));

        await StartReadJournalAsync(system);

        AuditKeyCheck.Announce(system, settings);
        if (preparation.Warning is { } warning) system.Log.Warning("Journal check skipped: {Reason}", warning);
        if (preparation.TagsCopied > 0)
            system.Log.Info("Journal upgraded: tags of {Events} events copied from the tag table into the journal's tags column", preparation.TagsCopied);

        var cluster = Cluster.Get(system);
        if (settings.Seeds.Count == 0) cluster.Join(cluster.SelfAddress);
        // With seeds, akka.cluster.seed-nodes (set from SHOWROOM_SEEDS) makes the node join by itself.

        var shardCount = config.GetInt("showroom.shard-count", 100);
        var snapshotEvery = config.GetInt("showroom.snapshot-every", 100);
        var sharding = ClusterSharding.Get(system);
        var shardSettings = ClusterShardingSettings.Create(system);
        var extractor = new EntityMessageExtractor(shardCount);

        var products = await sharding.StartAsync(
            EntityTypes.Product,
            productId => ProductEntity.Props(productId, clock, snapshotEvery),
            shardSettings,
            extractor);

        var shelves = ShelfSettings.From(config);
        var pubSub = DistributedPubSub.Get(system).Mediator;
        // Slots stop with StopSlot, not a PoisonPill, so they summarise their folded readings first.
        var slots = await sharding.StartAsync(
            EntityTypes.Slot,
            slotId => SlotEntity.Props(slotId, clock, snapshotEvery, shelves.Rules, pubSub),
            shardSettings,
            extractor,
            sharding.DefaultShardAllocationStrategy(shardSettings),
            StopSlot.Instance);


        var quotas = QuotaSettings.FromConfig(config);
        var buyers = await sharding.StartAsync(
            EntityTypes.Buyer,
            buyerId => BuyerEntity.Props(buyerId, clock, snapshotEvery, quotas.Ratios),
            shardSettings,
            extractor);
        var quotaReportStore = new QuotaReportStore(settings);
        system.ActorOf(ClusterSingletonManager.Props(
            QuotaReportProjection.Props(quotaReportStore, quotas, clock),
            PoisonPill.Instance,
            ClusterSingletonManagerSettings.Create(system)), "quota-report");
        // The proxy's "failed to find the singleton" warning fires on its first tick, at start-up (Akka 1.5.73): off.
        var quotaReport = system.ActorOf(ClusterSingletonProxy.Props("/user/quota-report",
            ClusterSingletonProxySettings.Create(system).WithLogSingletonIdentificationFailure(false)), "quota-report-proxy");

        // Orders run a process that must resume after a crash or restart: the order sweeper (a singleton following the
        // order tag) wakes the ones with unfinished work. Orders passivate themselves when quiet, so the region's idle
        // passivation is off (showroom.orders.sharding overrides akka.cluster.sharding for this region only).
        var orderSettings = OrderSettings.From(config) with { CreditAt = quotas.CreditAt };
        var orderPeers = new OrderPeers(products, buyers, slots);
        var shardingConfig = system.Settings.Config.GetConfig("akka.cluster.sharding");
        var orderSharding = ClusterShardingSettings.Create(
            config.GetConfig("showroom.orders.sharding").WithFallback(shardingConfig),
            system.Settings.Config.GetConfig(shardingConfig.GetString("coordinator-singleton")));
        var orders = await sharding.StartAsync(
            EntityTypes.Order,
            orderId => OrderEntity.Props(orderId, orderPeers, clock, orderSettings),
            orderSharding,
            extractor);
        var orderWorkStore = new OrderWorkStore(settings);
        system.ActorOf(ClusterSingletonManager.Props(
            Actors.Orders.OrderSweeper.Props(orderWorkStore, orders, OrderSweeperSettings.From(config), clock),
            PoisonPill.Instance,
            ClusterSingletonManagerSettings.Create(system)), "order-sweeper");
        var orderSweeper = system.ActorOf(ClusterSingletonProxy.Props("/user/order-sweeper",
            ClusterSingletonProxySettings.Create(system).WithLogSingletonIdentificationFailure(false)), "order-sweeper-proxy");
        var idempotencyKeys = await sharding.StartAsync(
            EntityTypes.Idempotency,
            keyHash => IdempotencyEntity.Props(keyHash, orders, clock, orderSettings),
            shardSettings,
            extractor);

        return new ShowroomSystem(system, settings, clock, products)
        {
            Slots = slots,
            Shelves = shelves,
            PubSub = pubSub,
            Buyers = buyers,
            Quotas = quotas,
            QuotaReport = quotaReport,
            QuotaReportStore = quotaReportStore,
            Orders = orders,
            OrderSweeper = orderSweeper,
            IdempotencyKeys = idempotencyKeys,
            OrderSettings = orderSettings,
        };
    }

    /// <summary>Completes when this node is Up (or throws after <paramref name="timeout"/>).</summary>
    public async Task WaitUntilUpAsync(TimeSpan timeout)
    {
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Cluster.RegisterOnMemberUp(() => up.TrySetResult());
        await up.Task.WaitAsync(timeout);
    }

    /// <summary>Leaves the cluster gracefully (shards hand off) and terminates the system.</summary>
    public Task StopAsync() => CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClrExitReason.Instance);
}
