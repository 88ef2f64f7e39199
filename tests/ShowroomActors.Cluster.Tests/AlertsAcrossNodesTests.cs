using Akka.Actor;
using ShowroomActors.Actors;
using ShowroomActors.Domain.Alerts;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Shelves;
using ShowroomActors.TestSupport;

namespace ShowroomActors.Cluster.Tests;

/// <summary>
/// The alert book on three nodes and one PostgreSQL journal: a fact recorded through one node opens an alert every node
/// reads, an acknowledgement through another lands in it, and after the node hosting the book's singleton is killed
/// the book resumes on a survivor from its stored offset.
/// </summary>
public sealed class AlertsAcrossNodesTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly SlotProduct Tea = new("lingyun-baihao-tea-100g", "凌云白毫茶 100g", "高山云雾茶。", "凌云县", "凌云县茶叶合作社", "带动茶农增收。", 4800, "FP45102720200001", 100);
    private static readonly DeviceSecret Key = new("key-of-lc-cluster-alerts");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task An_alert_opened_through_one_node_is_acknowledged_through_another_and_resolved_after_the_books_node_is_killed()
    {
        database.SkipIfUnavailable();
        await using var cluster = await ClusterNodes.StartAsync(database, 3);
        var (oldest, second, third) = (cluster[0], cluster[1], cluster[2]);
        const string slotId = "CL-01";
        Assert.IsType<SlotReply.Viewed>(await AskAsync(second, new BindSlot(slotId, Tea, "lc-cl-01", Key, DeviceKeys.NewSalt())));
        Assert.IsType<SlotReply.Ingested>(await AskAsync(third, Reading(slotId, 0, battery: 6)));

        var alert = await AwaitAsync(oldest, slotId, a => a.Kind == AlertKinds.BatteryLow && a.State == AlertState.Open);
        var ack = await second.Alerts.Ask<AlertReply>(new AcknowledgeAlert(alert.AlertId, "api"), Patience);
        Assert.IsType<AlertReply.Acknowledged>(ack);
        await AwaitAsync(third, slotId, a => a.AlertId == alert.AlertId && a.State == AlertState.Acknowledged);

        // The singletons run on the oldest node, the first one started: kill it without leaving.
        await cluster.KillAsync(oldest);
        var charged = false;
        for (var attempt = 0; attempt < 10 && !charged; attempt++)
        {
            try
            {
                charged = await second.Slots.Ask<SlotReply>(Reading(slotId, 1, battery: 80), TimeSpan.FromSeconds(5)) is SlotReply.Ingested;
            }
            catch (AskTimeoutException)
            {
            }
        }
        Assert.True(charged, "the slot took the reading after the kill");
        var resolved = await AwaitAsync(third, slotId, a => a.AlertId == alert.AlertId && a.State == AlertState.Resolved);
        Assert.Equal("battery-ok", resolved.ResolvedBy);
        Assert.Equal("api", resolved.AcknowledgedBy);
        Assert.Single(await second.AlertBook.ListAsync(AlertState.Resolved, slotId, 0, 10, CancellationToken.None));
    }

    private static IngestSensorEvents Reading(string slotId, long seq, int battery) =>
        new(slotId, Key, [new SensorReading("lc-cl-01", 0, seq, DateTimeOffset.UtcNow, SensorKind.Heartbeat, null, battery)]);

    private static async Task<object> AskAsync(ShowroomSystem node, ISlotCommand command) => await node.Slots.Ask<object>(command, Patience);

    /// <summary>Polls the node's view of the alert book (the shared database) until an alert of the slot matches.</summary>
    private static async Task<AlertView> AwaitAsync(ShowroomSystem node, string slotId, Func<AlertView, bool> wanted)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            foreach (var state in new[] { AlertState.Open, AlertState.Acknowledged, AlertState.Resolved })
                if ((await node.AlertBook.ListAsync(state, slotId, 0, 50, CancellationToken.None)).FirstOrDefault(wanted) is { } found)
                    return found;
            if (DateTime.UtcNow > deadline) Assert.Fail($"No matching alert on {slotId} within {Patience}.");
            await Task.Delay(100);
        }
    }
}
