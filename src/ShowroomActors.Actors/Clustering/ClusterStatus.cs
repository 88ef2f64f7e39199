using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;

namespace ShowroomActors.Actors.Clustering;

/// <summary>A member of the cluster as operators see it.</summary>
public sealed record MemberView(string Address, string Status, IReadOnlyList<string> Roles);

/// <summary>Shards and live entities of one entity type on one node.</summary>
public sealed record ShardCount(string Node, int Shards, int Entities);

/// <summary>The cluster seen from this node: who is in it, who leads, and where the shards live.</summary>
public sealed record ClusterView(
    string Self,
    string? Leader,
    IReadOnlyList<MemberView> Members,
    IReadOnlyList<string> Unreachable,
    IReadOnlyDictionary<string, IReadOnlyList<ShardCount>> Shards);

public static class ClusterStatus
{
    /// <summary>Reads membership from this node's view and asks every region for its cluster-wide shard statistics.</summary>
    public static async Task<ClusterView> ReadAsync(ShowroomSystem showroom, TimeSpan timeout)
    {
        var cluster = showroom.Cluster;
        var state = cluster.State;
        var members = state.Members
            .Select(m => new MemberView(m.Address.ToString(), m.Status.ToString(), m.Roles.Order().ToList()))
            .OrderBy(m => m.Address, StringComparer.Ordinal)
            .ToList();
        var unreachable = state.Unreachable.Select(m => m.Address.ToString()).Order().ToList();

        var shards = new Dictionary<string, IReadOnlyList<ShardCount>>();
        foreach (var (type, region) in showroom.Regions)
        {
            var stats = await region.Ask<ClusterShardingStats>(new GetClusterShardingStats(timeout), timeout + TimeSpan.FromSeconds(1));
            shards[type] = stats.Regions
                .Select(r => new ShardCount(r.Key.ToString(), r.Value.Stats.Count, r.Value.Stats.Values.Sum()))
                .OrderBy(c => c.Node, StringComparer.Ordinal)
                .ToList();
        }

        return new ClusterView(cluster.SelfAddress.ToString(), state.Leader?.ToString(), members, unreachable, shards);
    }
}
