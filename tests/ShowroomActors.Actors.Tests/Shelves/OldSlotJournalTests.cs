using System.Text;
using Akka.Serialization;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Actors.Serialization;
using ShowroomActors.Actors.Tests.Support;
using ShowroomActors.Domain.Audit;
using ShowroomActors.Domain.Shelves;
using Xunit.Abstractions;

namespace ShowroomActors.Actors.Tests.Shelves;

/// <summary>
/// Journals written by earlier versions keep replaying: slot rows exactly as they were stored (manifest and JSON), read
/// through the serializer and applied, give the state the current version decides for the same readings.
/// </summary>
public sealed class OldSlotJournalTests(ITestOutputHelper output) : SqliteTestKit(output)
{
    private static readonly SlotProduct Fuzhu = new("dongyuan-hakka-fuzhu-500g", "东源客家腐竹 500g", "山泉水手工制作。", "东源县",
        "东源县顺天镇金豆豆制品专业合作社", "作坊雇用了15名村民。", 3680, "FP44162520200003", 540);

    private const string Bound = """{"slotId":"A-01","product":{"productId":"dongyuan-hakka-fuzhu-500g","name":"东源客家腐竹 500g","intro":"山泉水手工制作。","originCounty":"东源县","supplier":"东源县顺天镇金豆豆制品专业合作社","story":"作坊雇用了15名村民。","priceFen":3680,"certificateNo":"FP44162520200003","unitWeightGrams":540},"deviceId":"lc-a01","keySalt":"00ff","keyHash":"ab12"}""";

    /// <summary>A load cell at ten units, then one lifted, as versions with v2 batches stored it (settles and displays as events of their own).</summary>
    private static readonly (string Manifest, string Json)[] V2Rows =
    [
        ("slot.bound.v1", Bound),
        ("slot.sensor-batch.v2", Batch(0, 5400, null)),
        ("slot.device-online.v1", """{"slotId":"A-01","deviceId":"lc-a01","at":"2020-09-08T10:00:00+08:00"}"""),
        ("slot.sensor-batch.v2", Batch(1, 5401, null)),
        ("slot.sensor-batch.v2", Batch(2, 5399, null)),
        ("slot.sensor-batch.v2", Batch(3, 5400, null)),
        ("slot.sensor-batch.v2", Batch(4, 5402, null)),
        ("slot.weight-settled.v2", """{"slotId":"A-01","deviceId":"lc-a01","previousGrams":null,"stableGrams":5400,"estimatedCount":10,"boot":0,"fromSeq":0,"toSeq":4}"""),
        ("slot.sensor-batch.v2", Batch(5, 4860, null)),
        ("slot.sensor-batch.v2", Batch(6, 4861, null)),
        ("slot.sensor-batch.v2", Batch(7, 4859, null)),
        ("slot.sensor-batch.v2", Batch(8, 4860, null)),
        ("slot.sensor-batch.v2", Batch(9, 4860, ""","countersAfter":{"lifts":1,"returns":0,"out":1}""", lifted: true)),
        ("slot.weight-settled.v2", """{"slotId":"A-01","deviceId":"lc-a01","previousGrams":5400,"stableGrams":4860,"estimatedCount":9,"boot":0,"fromSeq":5,"toSeq":9}"""),
        ("slot.display-changed.v1", """{"slotId":"A-01","version":1,"mode":"product","product":{"productId":"dongyuan-hakka-fuzhu-500g","name":"东源客家腐竹 500g","intro":"山泉水手工制作。","originCounty":"东源县","supplier":"东源县顺天镇金豆豆制品专业合作社","story":"作坊雇用了15名村民。","priceFen":3680,"certificateNo":"FP44162520200003","unitWeightGrams":540},"reason":"lifted","at":"2020-09-08T10:00:02.25+08:00"}"""),
    ];

    private static string Batch(int seq, int grams, string? counters, bool lifted = false)
    {
        var at = new DateTimeOffset(2020, 9, 8, 10, 0, 0, TimeSpan.FromHours(8)).AddMilliseconds(250 * seq);
        var atText = at.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture);
        return $$"""{"slotId":"A-01","deviceId":"lc-a01","receivedAt":"{{atText}}","readings":[{"boot":0,"seq":{{seq}},"at":"{{atText}}","kind":"weight","weightGrams":{{grams}}{{(lifted ? ",\"lifted\":1" : "")}}}]{{counters}}}""";
    }

    [Fact]
    public void V2_batches_with_their_weight_settled_and_v1_display_rows_replay_to_the_state_the_current_version_decides()
    {
        var replayed = ReplayV2Rows();

        // The same readings decided by this version, one request each, server time = device time.
        var rules = SlotRules.Default;
        var start = new DateTimeOffset(2020, 9, 8, 10, 0, 0, TimeSpan.FromHours(8));
        var live = SlotState.Decide(SlotState.Empty("A-01"), new BindSlot("A-01", Fuzhu, "lc-a01", Key, "00ff"), start, rules).Events
            .Aggregate(SlotState.Empty("A-01"), SlotState.Apply);
        int[] grams = [5400, 5401, 5399, 5400, 5402, 4860, 4861, 4859, 4860, 4860];
        for (var seq = 0; seq < grams.Length; seq++)
        {
            var at = start.AddMilliseconds(250 * seq);
            var decision = SlotState.Ingest(live, new IngestSensorEvents("A-01", Key, [new SensorReading("lc-a01", 0, seq, at, SensorKind.Weight, grams[seq], null)]), at, rules);
            live = decision.FoldedState ?? decision.Events.Aggregate(live, SlotState.Apply);
        }
        if (SlotState.CloseSteadyRun(live, "stop") is { } summary) live = SlotState.Apply(live, summary);

        Assert.Equal(live, replayed);
        Assert.Equal((1, 9, DisplayMode.Product), (replayed.Lifts, replayed.EstimatedCount, replayed.CurrentDisplay.Mode));
        Assert.Equal(Fuzhu, replayed.CurrentDisplay.Product);
    }

    [Fact]
    public void An_old_journal_with_an_item_out_raises_the_new_lifted_too_long_fact_from_its_recorded_lift()
    {
        var replayed = ReplayV2Rows();
        var liftedAt = new DateTimeOffset(2020, 9, 8, 10, 0, 2, 250, TimeSpan.FromHours(8));
        Assert.Equal(liftedAt, replayed.LiftedSince);
        Assert.False(replayed.LiftOverdue);
        Assert.False(replayed.StockLow);
        // The screen's max play and the device's offline limit come later here: the next due moment is the overdue lift.
        var rules = SlotRules.Default with { MaxPlay = TimeSpan.FromHours(1), DeviceOfflineAfter = TimeSpan.FromHours(1) };
        Assert.Equal(liftedAt + rules.LiftedTooLong, replayed.NextDueAt(rules));

        var overdue = Assert.Single(SlotState.Tick(replayed, liftedAt + rules.LiftedTooLong, rules).Events.OfType<LiftOverdueChanged>());
        Assert.Equal((true, 1, liftedAt), (overdue.Overdue, overdue.Out, overdue.LiftedSince));
    }

    [Fact]
    public void A_snapshot_written_before_the_health_flags_reads_with_them_lowered_and_times_an_old_lift_from_the_last_lift()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(SlotState.Empty("A-01"));
        var current = SlotState.Empty("A-01") with { Out = 1, Display = DisplayState.Initial with { LastLiftAt = new DateTimeOffset(2020, 9, 8, 2, 0, 0, TimeSpan.Zero) } };
        var json = Encoding.UTF8.GetString(serializer.ToBinary(current));
        var old = json.Replace(",\"liftedSince\":null", "", StringComparison.Ordinal).Replace(",\"liftOverdue\":false", "", StringComparison.Ordinal)
            .Replace(",\"stockLow\":false", "", StringComparison.Ordinal);
        Assert.DoesNotContain("liftOverdue", old);
        var read = (SlotState)serializer.FromBinary(Encoding.UTF8.GetBytes(old), serializer.Manifest(current));
        Assert.Equal((1, false, false, (DateTimeOffset?)null), (read.Out, read.LiftOverdue, read.StockLow, read.LiftedSince));
        Assert.Equal(current.Display.LastLiftAt + SlotRules.Default.LiftedTooLong, read.LiftOverdueAt(SlotRules.Default));
    }

    /// <summary>The v2 rows read through the serializer (each verified over its stored bytes) and applied in order.</summary>
    private SlotState ReplayV2Rows()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(
            EventChain.Seal("slot-A-01", 1, DateTimeOffset.UnixEpoch, new DeviceCameOnline("A-01", "lc-a01", DateTimeOffset.UnixEpoch), HashChain.Genesis));
        var replayed = SlotState.Empty("A-01");
        var prev = HashChain.Genesis;
        var seqNr = 0L;
        foreach (var (manifest, json) in V2Rows)
        {
            var row = StoredRow(++seqNr, manifest, json.Replace("\"keyHash\":\"ab12\"", $"\"keyHash\":\"{KeyHash}\"", StringComparison.Ordinal), ref prev);
            var chained = (ChainedEvent)serializer.FromBinary(row, manifest);
            Assert.True(chained.HashMatches("slot-A-01", seqNr), $"{manifest} verifies over the stored bytes");
            replayed = SlotState.Apply(replayed, (ISlotEvent)chained.Event);
        }
        return replayed;
    }

    private static readonly DeviceSecret Key = new("device-key-0001");
    private static readonly string KeyHash = DeviceKeys.Hash("00ff", Key);

    /// <summary>The bytes of a journal row as the serializer stores it: the chain envelope around the event JSON.</summary>
    private static byte[] StoredRow(long seqNr, string manifest, string json, ref string prev)
    {
        var at = HashChain.FormatTimestamp(new DateTimeOffset(2020, 9, 8, 2, 0, 0, TimeSpan.Zero).AddSeconds(seqNr));
        var payload = Encoding.UTF8.GetBytes(json);
        var hash = HashChain.Compute("slot-A-01", seqNr, at, manifest, prev, payload);
        var row = Encoding.UTF8.GetBytes($$"""{"at":"{{at}}","prevHash":"{{prev}}","hash":"{{hash}}","event":{{json}}}""");
        prev = hash;
        return row;
    }
}
