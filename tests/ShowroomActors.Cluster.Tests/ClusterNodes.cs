using Akka.Actor;
using Akka.Cluster;
using ShowroomActors.Actors;
using ShowroomActors.Actors.Configuration;
using ShowroomActors.Actors.Hosting;
using ShowroomActors.Domain.Catalog;
using ShowroomActors.TestSupport;

namespace ShowroomActors.Cluster.Tests;

/// <summary>
/// Several showroom nodes in this process (ports chosen by the OS) forming one cluster on one PostgreSQL
/// database, the way a real multi-node installation shares its journal.
/// </summary>
public sealed class ClusterNodes : IAsyncDisposable
{
    private readonly List<ShowroomSystem> _nodes = [];
    private readonly Dictionary<ShowroomSystem, ShowroomNode> _hosts = [];
    private readonly string _postgres;

    private ClusterNodes(string postgres) => _postgres = postgres;

    public IReadOnlyList<ShowroomSystem> Nodes => _nodes;
    public ShowroomSystem this[int index] => _nodes[index];

    public static async Task<ClusterNodes> StartAsync(PostgresDatabase database, int count)
    {
        var cluster = new ClusterNodes(database.ConnectionString!);
        for (var i = 0; i < count; i++) await cluster.AddNodeAsync();
        await cluster.WaitForMembersAsync(count, TimeSpan.FromSeconds(30));
        await cluster.WaitForShardingAsync(TimeSpan.FromSeconds(60));
        return cluster;
    }

    /// <summary>
    /// Every node gets an answer from the product region (the shard coordinator is up and its state replicated), asking
    /// again as a client would. On 2 cores shared with other test assemblies a fresh cluster can need more than one
    /// ask timeout for that; the tests' own timeouts then measure the behaviour under test, not the start-up.
    /// </summary>
    public async Task WaitForShardingAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        for (var i = 0; i < _nodes.Count; i++)
        {
            while (true)
            {
                try
                {
                    await _nodes[i].Products.Ask<object>(new GetProduct($"sharding-ready-{i}"), TimeSpan.FromSeconds(5));
                    break;
                }
                catch (AskTimeoutException) when (DateTime.UtcNow < deadline)
                {
                }
            }
        }
    }

    public async Task<ShowroomSystem> AddNodeAsync()
    {
        var seeds = _nodes.Count == 0 ? [] : new[] { _nodes[0].Cluster.SelfAddress.ToString() };
        var settings = new ShowroomSettings
        {
            PostgresConnection = _postgres,
            AkkaPort = 0,
            Seeds = seeds,
            DataDir = Path.GetTempPath(),
        };
        var host = await ShowroomNode.StartAsync(settings, TimeProvider.System, ShowroomConfig.Load("cluster.test.conf"));
        var node = host.Showroom;
        await node.WaitUntilUpAsync(TimeSpan.FromSeconds(30));
        _nodes.Add(node);
        _hosts[node] = host;
        return node;
    }

    /// <summary>Every live node sees exactly <paramref name="count"/> members, all Up, none unreachable.</summary>
    public async Task WaitForMembersAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (_nodes.Where(n => !n.System.WhenTerminated.IsCompleted)
               .Any(n => n.Cluster.State.Members.Count != count
                   || n.Cluster.State.Members.Any(m => m.Status != MemberStatus.Up)
                   || n.Cluster.State.Unreachable.Count > 0))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Cluster did not settle on {count} Up members.");
            await Task.Delay(100);
        }
    }

    /// <summary>Stops a node abruptly: no leaving, no hand-off; the others must detect and down it.</summary>
    public async Task KillAsync(ShowroomSystem node)
    {
        await node.System.Terminate();
        _nodes.Remove(node);
    }

    /// <summary>Stops a node gracefully: its host stops, CoordinatedShutdown leaves the cluster and hands shards off.</summary>
    public async Task LeaveAsync(ShowroomSystem node)
    {
        await _hosts[node].DisposeAsync();
        _hosts.Remove(node);
        _nodes.Remove(node);
    }

    /// <summary>The node whose address is <paramref name="address"/>.</summary>
    public ShowroomSystem NodeAt(string address) => _nodes.Single(n => n.Cluster.SelfAddress.ToString() == address);

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes.AsEnumerable().Reverse())
            await node.System.Terminate();
        foreach (var host in _hosts.Values) await host.DisposeAsync();
        _nodes.Clear();
        _hosts.Clear();
    }
}
