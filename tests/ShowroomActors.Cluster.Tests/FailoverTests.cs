using Akka.Actor;
using ShowroomActors.Actors;
using ShowroomActors.Actors.Clustering;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Domain.Catalog;
using ShowroomActors.Domain.Common;
using ShowroomActors.TestSupport;
using Xunit.Abstractions;

namespace ShowroomActors.Cluster.Tests;

/// <summary>Three nodes on one PostgreSQL journal: reachability, abrupt node loss and graceful leave.</summary>
public sealed class FailoverTests(PostgresDatabase database, ITestOutputHelper output) : IClassFixture<PostgresDatabase>
{
    private static readonly ProductDetails Eggs = new("乐业土鸡蛋 30枚", "eggs", "乐业县", "乐业县同乐镇生态养殖专业合作社", true,
        "FP45102820200002", new Fen(5800), 1900, "林下散养土鸡蛋。", "合作社带动18户养殖户。");

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static async Task<object> AskAsync(ShowroomSystem node, IEntityCommand command) =>
        await node.Products.Ask<object>(command, Timeout);

    private static async Task RegisterAsync(ShowroomSystem node, IEnumerable<string> ids)
    {
        await Task.WhenAll(ids.Select(async id => Assert.IsType<ProductReply.Accepted>(await AskAsync(node, new RegisterProduct(id, Eggs)))));
    }

    [SkippableFact]
    public async Task Entities_are_reachable_from_every_node_and_live_on_all_of_them()
    {
        database.SkipIfUnavailable();
        await using var cluster = await ClusterNodes.StartAsync(database, 3);
        var ids = Enumerable.Range(1, 30).Select(i => $"reach-{i}").ToList();
        await RegisterAsync(cluster[0], ids);

        foreach (var node in cluster.Nodes)
        foreach (var id in ids)
            Assert.Equal(id, Assert.IsType<ProductReply.Accepted>(await AskAsync(node, new GetProduct(id))).Product.ProductId);

        var status = await ClusterStatus.ReadAsync(cluster[1], Timeout);
        Assert.Equal(3, status.Members.Count);
        Assert.All(status.Members, m => Assert.Equal("Up", m.Status));
        var products = status.Shards[EntityTypes.Product];
        Assert.Equal(30, products.Sum(s => s.Entities));
        Assert.True(products.Count(s => s.Entities > 0) >= 2, "entities are spread over the nodes");
    }

    [SkippableFact]
    public async Task A_killed_node_is_downed_and_its_entities_recover_on_the_survivors_with_every_acknowledged_event()
    {
        database.SkipIfUnavailable();
        await using var cluster = await ClusterNodes.StartAsync(database, 3);
        var ids = Enumerable.Range(1, 24).Select(i => $"kill-{i}").ToList();
        await RegisterAsync(cluster[0], ids);
        var acknowledged = ids.ToDictionary(id => id, _ => 0);
        // Like a real client: a request that gets no answer (its shard's node just died) is retried; receipts are
        // idempotent by batch, so a retry never counts twice.
        async Task ReceiveAsync(ShowroomSystem via, string id, string batch)
        {
            for (var attempt = 1; attempt <= 10; attempt++)
            {
                try
                {
                    if (await via.Products.Ask<object>(new ReceiveStock(id, 1, batch), TimeSpan.FromSeconds(3)) is ProductReply.Accepted)
                        lock (acknowledged) acknowledged[id]++;
                    return;
                }
                catch (AskTimeoutException)
                {
                }
            }
            Assert.Fail($"{id} never answered after the kill");
        }

        await Task.WhenAll(ids.Select(id => ReceiveAsync(cluster[0], id, "before")));

        // Kill the node that hosts most product entities, then keep sending through the first node.
        var status = await ClusterStatus.ReadAsync(cluster[0], Timeout);
        var victimAddress = status.Shards[EntityTypes.Product].Where(s => s.Node != cluster[0].Cluster.SelfAddress.ToString())
            .OrderByDescending(s => s.Entities).First().Node;
        var victim = cluster.NodeAt(victimAddress);
        var killedAt = DateTime.UtcNow;
        await cluster.KillAsync(victim);

        await Task.WhenAll(ids.Select(id => ReceiveAsync(cluster[0], id, "during")));
        output.WriteLine($"all entities answered again {(DateTime.UtcNow - killedAt).TotalSeconds:0.0} s after the kill");
        await cluster.WaitForMembersAsync(2, Timeout);

        foreach (var id in ids)
        {
            var state = Assert.IsType<ProductReply.Accepted>(await AskAsync(cluster[1], new GetProduct(id))).Product;
            Assert.Equal(acknowledged[id], state.OnHand);
            Assert.Equal(2, state.OnHand);
        }
        var after = await ClusterStatus.ReadAsync(cluster[0], Timeout);
        Assert.DoesNotContain(after.Members, m => m.Address == victimAddress);
    }

    [SkippableFact]
    public async Task A_graceful_leave_hands_shards_off_and_loses_nothing()
    {
        database.SkipIfUnavailable();
        await using var cluster = await ClusterNodes.StartAsync(database, 3);
        var ids = Enumerable.Range(1, 24).Select(i => $"leave-{i}").ToList();
        await RegisterAsync(cluster[0], ids);
        await Task.WhenAll(ids.Select(async id => Assert.IsType<ProductReply.Accepted>(await AskAsync(cluster[0], new ReceiveStock(id, 5, "B-1")))));

        await cluster.LeaveAsync(cluster[2]);
        await cluster.WaitForMembersAsync(2, Timeout);

        foreach (var id in ids)
            Assert.Equal(5, Assert.IsType<ProductReply.Accepted>(await AskAsync(cluster[1], new GetProduct(id))).Product.OnHand);
        var status = await ClusterStatus.ReadAsync(cluster[1], Timeout);
        Assert.Equal(2, status.Members.Count);
    }
}
