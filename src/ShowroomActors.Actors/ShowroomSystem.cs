using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;
using ShowroomActors.Actors.Alerts;
using ShowroomActors.Actors.Buyers;
using ShowroomActors.Actors.Configuration;
using ShowroomActors.Actors.Hosting;
using ShowroomActors.Actors.Orders;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Actors.Shelves;

namespace ShowroomActors.Actors;

/// <summary>
/// The running node as the rest of the code sees it: its actor system and cluster membership, its shard regions,
/// singleton proxies and read model (from Akka.Hosting's registry, <see cref="IRequiredActor{TKey}"/>), and the
/// settings its actors were made with. Built by dependency injection (<see cref="ShowroomActorsHosting.AddShowroomActors"/>);
/// a region is there once the host has started.
/// </summary>
public sealed class ShowroomSystem(
    ActorSystem system,
    ShowroomSettings settings,
    ShowroomComponents components,
    IRequiredActor<ProductRegion> products,
    IRequiredActor<SlotRegion> slots,
    IRequiredActor<BuyerRegion> buyers,
    IRequiredActor<OrderRegion> orders,
    IRequiredActor<IdempotencyRegion> idempotencyKeys,
    IRequiredActor<CatalogViewActor> catalog,
    IRequiredActor<QuotaReportProxy> quotaReport,
    IRequiredActor<OrderSweeperProxy> orderSweeper,
    IRequiredActor<TransparencyLogProxy> auditLog,
    IRequiredActor<AlertRegion> alerts)
{
    public const string SystemName = "showroom";

    public ActorSystem System => system;
    public ShowroomSettings Settings => settings;
    public TimeProvider Clock => components.Clock;

    /// <summary>How long a caller waits for an entity's answer (<c>showroom.ask-timeout</c>).</summary>
    public TimeSpan AskTimeout => components.AskTimeout;

    /// <summary>Fails requests fast while the journal's database is down.</summary>
    public JournalGate JournalGate => components.JournalGate;

    public IActorRef Products => products.ActorRef;
    public IActorRef Slots => slots.ActorRef;
    public IActorRef Buyers => buyers.ActorRef;
    public IActorRef Orders => orders.ActorRef;

    /// <summary>Shard region of alert acknowledgements.</summary>
    public IActorRef Alerts => alerts.ActorRef;

    /// <summary>The alert book's read model (tables in the journal's database).</summary>
    public AlertBookStore AlertBook => components.AlertBook;

    /// <summary>Webhooks and their outbox.</summary>
    public WebhookStore Webhooks => components.Webhooks;

    /// <summary>The entry point for placing orders.</summary>
    public IActorRef IdempotencyKeys => idempotencyKeys.ActorRef;

    /// <summary>This node's catalog read model: products with stock, and lift to buy.</summary>
    public IActorRef Catalog => catalog.ActorRef;

    /// <summary>Proxy of the quota report projection: ask it for <see cref="QuotaReportStatus"/>.</summary>
    public IActorRef QuotaReport => quotaReport.ActorRef;

    /// <summary>Proxy of the order sweeper: ask it for <see cref="OrderSweeperStatus"/>.</summary>
    public IActorRef OrderSweeper => orderSweeper.ActorRef;

    /// <summary>Proxy of the transparency log: ask it for <see cref="Audit.AuditLogStatus"/> or a checkpoint (Nobody when the log is off).</summary>
    public IActorRef AuditLog => auditLog.ActorRef;

    /// <summary>showroom.audit: the transparency log's settings.</summary>
    public Audit.AuditLogSettings AuditLogSettings => components.AuditLog;

    /// <summary>The transparency log's tables (leaves, subtree roots, checkpoints).</summary>
    public Audit.TransparencyLogStore AuditLogStore => components.AuditLogStore;

    /// <summary>Every shard region by entity type, for cluster status and operations.</summary>
    public IReadOnlyDictionary<string, IActorRef> Regions => new Dictionary<string, IActorRef>
    {
        [EntityTypes.Product] = Products,
        [EntityTypes.Slot] = Slots,
        [EntityTypes.Buyer] = Buyers,
        [EntityTypes.Order] = Orders,
        [EntityTypes.Idempotency] = IdempotencyKeys,
        [EntityTypes.Alert] = Alerts,
    };

    /// <summary>The slots' rules and the screens' stream settings (showroom.shelves).</summary>
    public ShelfSettings Shelves => components.Shelves;

    /// <summary>showroom.quotas: ratio table and crediting policy.</summary>
    public QuotaSettings Quotas => components.Quotas;

    /// <summary>showroom.orders: reservation holds, order caps, the process's timing.</summary>
    public OrderSettings OrderSettings => components.Orders;

    /// <summary>The quota report's read model (tables in the journal's database).</summary>
    public QuotaReportStore QuotaReportStore => components.QuotaReportStore;
    public OrderBoardStore OrderBoardStore => components.OrderBoardStore;

    /// <summary>This node's DistributedPubSub mediator: slots publish display changes to it, screens subscribe.</summary>
    public IActorRef PubSub => DistributedPubSub.Get(system).Mediator;

    public Cluster Cluster => Cluster.Get(system);

    /// <summary>True when this node is an Up member of the cluster.</summary>
    public bool IsUp => Cluster.SelfMember.Status == MemberStatus.Up;

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
