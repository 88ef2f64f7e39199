using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using ShowroomActors.Actors.Catalog;
using ShowroomActors.Actors.Configuration;
using ShowroomActors.Actors.Orders;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Actors.Sharding;

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
        CatalogIndex = system.ActorOf(Catalog.CatalogIndex.Props(), "catalog-index");
        System = system;
        Settings = settings;
        Clock = clock;
        Products = products;
        AskTimeout = system.Settings.Config.GetTimeSpan("showroom.ask-timeout", TimeSpan.FromSeconds(5));
    }

    public ActorSystem System { get; }
    public ShowroomSettings Settings { get; }
    public TimeProvider Clock { get; }
    public TimeSpan AskTimeout { get; }

    /// <summary>Shard region of product entities (<c>product-{productId}</c>).</summary>
    public IActorRef Products { get; }

    /// <summary>Shard region of order entities (<c>order-{orderId}</c>); remembered, so unfinished orders resume after a restart.</summary>
    public IActorRef Orders { get; private init; } = ActorRefs.Nobody;

    /// <summary>Shard region of idempotency keys (<c>idempotency-{keyHash}</c>), the entry point for placing orders.</summary>
    public IActorRef IdempotencyKeys { get; private init; } = ActorRefs.Nobody;

    public OrderSettings OrderSettings { get; private init; } = OrderSettings.Default;

    /// <summary>This node's index of registered product ids.</summary>
    public IActorRef CatalogIndex { get; }

    public Cluster Cluster => Cluster.Get(System);

    /// <summary>True when this node is an Up member of the cluster.</summary>
    public bool IsUp => Cluster.SelfMember.Status == MemberStatus.Up;

    public static async Task<ShowroomSystem> StartAsync(ShowroomSettings settings, TimeProvider clock, Config? extraConfig = null)
    {
        JournalStore.Prepare(settings);
        var config = ShowroomConfig.Build(settings, extraConfig);
        var system = ActorSystem.Create(SystemName, config);

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

        // Orders run a process that must resume after a crash or restart, so their region remembers its entities
        // (showroom.orders.sharding overrides akka.cluster.sharding for this region only).
        var orderSettings = OrderSettings.From(config);
        var shardingConfig = system.Settings.Config.GetConfig("akka.cluster.sharding");
        var orderSharding = ClusterShardingSettings.Create(
            config.GetConfig("showroom.orders.sharding").WithFallback(shardingConfig),
            system.Settings.Config.GetConfig(shardingConfig.GetString("coordinator-singleton")));
        var orders = await sharding.StartAsync(
            EntityTypes.Order,
            orderId => OrderEntity.Props(orderId, products, clock, orderSettings, snapshotEvery),
            orderSharding,
            extractor);
        var idempotencyKeys = await sharding.StartAsync(
            EntityTypes.Idempotency,
            keyHash => IdempotencyEntity.Props(keyHash, orders, clock, orderSettings, snapshotEvery),
            shardSettings,
            extractor);

        return new ShowroomSystem(system, settings, clock, products)
        {
            Orders = orders,
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
