using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.PublishSubscribe;
using ShowroomActors.Actors;
using ShowroomActors.Actors.Shelves;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Shelves;
using ShowroomActors.TestSupport;

namespace ShowroomActors.Cluster.Tests;

/// <summary>A screen connected to one node sees the display changes of a slot that lives on another node.</summary>
public sealed class DisplayAcrossNodesTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly DeviceSecret Key = new("cluster-device-key");
    private static readonly SlotProduct Wine = new("dongyuan-rice-wine", "东源客家黄酒 500ml", "古法酿造的客家黄酒。", "东源县", "东源县上莞镇黄酒专业合作社",
        "酒坊雇用了15户村民。", 4800, "FP44162520200009", 780);

    [SkippableFact]
    public async Task A_screen_on_one_node_receives_frames_of_a_slot_on_another()
    {
        database.SkipIfUnavailable();
        await using var cluster = await ClusterNodes.StartAsync(database, 3);
        var salt = DeviceKeys.NewSalt();
        var slotIds = Enumerable.Range(1, 12).Select(i => $"X-{i:00}").ToList();
        foreach (var id in slotIds)
            Assert.IsNotType<Rejection>(await cluster[0].Slots.Ask<object>(new BindSlot(id, Wine, $"dev-{id}", Key, salt), TimeSpan.FromSeconds(20)));

        // Pick a slot whose entity lives on node 1, and watch it from node 2.
        var onNode1 = await LocalEntitiesAsync(cluster[1]);
        var slotId = slotIds.First(onNode1.Contains);
        var frames = Channel.CreateUnbounded<SlotDisplay>();
        var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var screen = cluster[2].System.ActorOf(DisplaySubscriber.Props(cluster[2].PubSub, slotId, frames.Writer, subscribed));
        await subscribed.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // The subscription reaches the slot's node by gossip: wait until that node's mediator knows the topic.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!(await cluster[1].PubSub.Ask<CurrentTopics>(GetTopics.Instance, TimeSpan.FromSeconds(5))).Topics.Contains(DisplayTopics.For(slotId)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the subscription never reached the slot's node");
            await Task.Delay(100);
        }

        var lift = new SensorReading($"dev-{slotId}", 0, 1, DateTimeOffset.UtcNow, SensorKind.Lifted, null, null);
        Assert.IsType<SlotReply.Ingested>(await cluster[0].Slots.Ask<object>(new IngestSensorEvents(slotId, Key, [lift]), TimeSpan.FromSeconds(10)));
        SlotDisplay? shown = null;
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            while (shown is null)
            {
                var frame = await frames.Reader.ReadAsync(wait.Token);
                if (frame.Mode == DisplayMode.Product) shown = frame;
            }

        Assert.NotNull(shown);
        Assert.Equal(slotId, shown.SlotId);
        Assert.Equal("东源客家黄酒 500ml", shown.Product!.Name);
        Assert.DoesNotContain(slotId, await LocalEntitiesAsync(cluster[2]));
        await screen.GracefulStop(TimeSpan.FromSeconds(5));
    }

    private static async Task<HashSet<string>> LocalEntitiesAsync(ShowroomSystem node)
    {
        var state = await node.Slots.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(10));
        return state.Shards.SelectMany(s => s.EntityIds).ToHashSet();
    }
}
