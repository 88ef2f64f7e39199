using Akka.Actor;

namespace ShowroomActors.Actors.Orders;

/// <summary>The shard regions an order talks to: products (stock ledger), buyers (quota accounts) and slots (checked at placement).</summary>
public sealed record OrderPeers(IActorRef Products, IActorRef Buyers, IActorRef Slots);
