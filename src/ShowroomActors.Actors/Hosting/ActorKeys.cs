namespace ShowroomActors.Actors.Hosting;

// The keys under which the node's actors are registered (Akka.Hosting's ActorRegistry) and injected as
// IRequiredActor<TKey>. Each names one actor of every node: a shard region, a singleton's proxy or a read model.

/// <summary>Shard region of product entities (<c>product-{productId}</c>).</summary>
public sealed class ProductRegion;

/// <summary>Shard region of shelf slot entities (<c>slot-{slotId}</c>).</summary>
public sealed class SlotRegion;

/// <summary>Shard region of buyer entities (<c>buyer-{buyerId}</c>).</summary>
public sealed class BuyerRegion;

/// <summary>Shard region of order entities (<c>order-{orderId}</c>).</summary>
public sealed class OrderRegion;

/// <summary>Shard region of idempotency keys (<c>idempotency-{keyHash}</c>), the entry point for placing orders.</summary>
public sealed class IdempotencyRegion;

/// <summary>This node's catalog read model (<see cref="Catalog.CatalogView"/>).</summary>
public sealed class CatalogViewActor;

/// <summary>Proxy of the quota report projection (a cluster singleton).</summary>
public sealed class QuotaReportProxy;

/// <summary>Proxy of the order sweeper (a cluster singleton).</summary>
public sealed class OrderSweeperProxy;

/// <summary>The orders board projection's cluster singleton proxy.</summary>
public sealed class OrderBoardProxy;

/// <summary>Proxy of the transparency log (a cluster singleton; <see cref="Akka.Actor.ActorRefs.Nobody"/> when the log is off).</summary>
public sealed class TransparencyLogProxy;

/// <summary>Shard region of alert acknowledgement entities (<c>alert-{alertId}</c>).</summary>
public sealed class AlertRegion;

/// <summary>Proxy of the alert book projection and its webhook dispatcher (a cluster singleton).</summary>
public sealed class AlertBookProxy;
