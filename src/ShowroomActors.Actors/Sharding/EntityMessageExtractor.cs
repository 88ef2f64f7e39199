using Akka.Cluster.Sharding;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Actors.Sharding;

/// <summary>
/// Routes an <see cref="IEntityCommand"/> to its entity by <see cref="IEntityCommand.EntityId"/>. The shard is a
/// stable hash of the id modulo the shard count (showroom.shard-count): never change that count once data exists.
/// </summary>
public sealed class EntityMessageExtractor(int shardCount) : HashCodeMessageExtractor(shardCount)
{
    // ShardRegion.StartEntity is handled by the base class.
    public override string? EntityId(object message) => (message as IEntityCommand)?.EntityId;
}
