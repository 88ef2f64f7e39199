using Akka.Serialization;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Actors.Serialization;
using ShowroomActors.Actors.Shelves;
using ShowroomActors.Actors.Tests.Support;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Shelves;
using Xunit.Abstractions;

namespace ShowroomActors.Actors.Tests.Shelves;

/// <summary>Every slot event, message and the snapshot survive our serializer with their manifest.</summary>
public sealed class SlotSerializationTests(ITestOutputHelper output) : SqliteTestKit(output)
{
    private static readonly DateTimeOffset At = new(2020, 9, 8, 10, 0, 0, TimeSpan.Zero);
    private static readonly SlotProduct Tea = new("lingyun-baihao-tea-100g", "凌云白毫茶 100g", "高山云雾。", "凌云县", "凌云县白毫茶专业合作社", "带动45户茶农。", 12800, "FP45102720200001", 180);

    public static TheoryData<ISlotEvent> Events => new()
    {
        new SlotBound("C-02", Tea, "rfid-c02", "00ff", "ab12"),
        new SensorBatchRecorded("C-02", "rfid-c02", At.AddSeconds(1),
            [new RecordedReading(2, 17, At, SensorKind.Weight, 1800, 77), new RecordedReading(2, 18, At.AddMilliseconds(250), SensorKind.Lifted, Lifted: 1)],
            new PickupCounters(4, 3, 1)),
        new SensorBatchRecorded("C-02", "rfid-c02", At.AddSeconds(2), [new RecordedReading(2, 19, At, SensorKind.Heartbeat)]),
        new SequenceGapDetected("C-02", "rfid-c02", 2, 18, 25),
        new DeviceRebooted("C-02", "rfid-c02", 2, 3, 25),
        new ClockSkewNoted("C-02", "rfid-c02", 26, At, At.AddMinutes(2), -120_000, true),
        new DeviceCameOnline("C-02", "rfid-c02", At),
        new DeviceWentOffline("C-02", "rfid-c02", At, At.AddMinutes(1)),
        new BatteryFlagChanged("C-02", "rfid-c02", 15, true),
        new WeightSettled("C-02", "rfid-c02", 1800, 1620, 9, 2, 12, 17),
        new ItemsMoved("C-02", "rfid-c02", 2, 1, 4, 3, 1, At,
            [new ItemMove(2, 17, "weight", Lifted: 2), new ItemMove(2, 19, "sensor", Returned: 1)]),
        new DisplayChanged("C-02", 7, DisplayMode.Product, "lifted", At),
        new SensorBatchRecorded("C-02", "rfid-c02", At.AddSeconds(3),
            [new RecordedReading(2, 40, At, SensorKind.Weight, 1620, Lifted: 1, Settled: new WeightSettle(1800, 1620, 9, 36))],
            new PickupCounters(5, 3, 2), Run(window: LoadCellWindow.Begin(2, 36, At, 1619)), Shown: 8),
        new SteadyRunSummarized("C-02", Run(window: null), "every"),
    };

    private static SteadyRun Run(LoadCellWindow? window) =>
        new(2, 20, 39, At, At.AddSeconds(5), At.AddSeconds(5.1), 1617, 1623, 32_400, 76, new string('a', 64), window);

    [Theory]
    [MemberData(nameof(Events), DisableDiscoveryEnumeration = true)]
    public void Chained_slot_events_round_trip(ISlotEvent evt)
    {
        var chained = EventChain.Seal("slot-C-02", 1, At, evt, Domain.Audit.HashChain.Genesis);
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(chained);
        var back = (ChainedEvent)serializer.FromBinary(serializer.ToBinary(chained), serializer.Manifest(chained));
        Assert.Equal(evt, back.Event);
        Assert.True(back.HashMatches("slot-C-02", 1, ShowroomActors.Domain.Audit.HashChain.Genesis));
        Assert.StartsWith("slot.", back.Manifest);
    }

    [Fact]
    public void A_batch_stores_each_reading_compactly_leaving_out_what_the_device_did_not_send_and_zero_moves()
    {
        var batch = new SensorBatchRecorded("C-02", "rfid-c02", At,
            [new RecordedReading(2, 17, At, SensorKind.Lifted, Lifted: 1), new RecordedReading(2, 18, At, SensorKind.Weight, 1800, 77)],
            new PickupCounters(4, 3, 1));
        var chained = EventChain.Seal("slot-C-02", 1, At, batch, Domain.Audit.HashChain.Genesis);
        var json = System.Text.Encoding.UTF8.GetString(chained.Payload);

        Assert.Equal("slot.sensor-batch.v3", chained.Manifest);
        Assert.Contains("""{"boot":2,"seq":17,"at":"2020-09-08T10:00:00+00:00","kind":"lifted","lifted":1}""", json);
        Assert.Contains("""{"boot":2,"seq":18,"at":"2020-09-08T10:00:00+00:00","kind":"weight","weightGrams":1800,"battery":77}""", json);
        Assert.EndsWith(""","countersAfter":{"lifts":4,"returns":3,"out":1}}""", json);
    }

    [Fact]
    public void A_v1_batch_and_the_items_moved_after_it_are_still_read_from_the_journal()
    {
        // slot.sensor-batch.v1 as an earlier version stored it: no moves, no counters (an ItemsMoved followed).
        var v1 = new SensorBatchRecordedV1("C-02", "rfid-c02", At, [new RecordedReading(2, 17, At, SensorKind.Lifted)]);
        var stored = EventChain.Seal("slot-C-02", 1, At, v1, Domain.Audit.HashChain.Genesis);
        Assert.Equal("slot.sensor-batch.v1", stored.Manifest);
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(stored);

        var back = (ChainedEvent)serializer.FromBinary(serializer.ToBinary(stored), stored.Manifest);

        Assert.Equal(new SensorBatchRecorded("C-02", "rfid-c02", At, [new RecordedReading(2, 17, At, SensorKind.Lifted)]), back.Event);
        Assert.True(back.HashMatches("slot-C-02", 1, ShowroomActors.Domain.Audit.HashChain.Genesis));
    }

    [Fact]
    public void Snapshots_commands_replies_and_display_updates_round_trip()
    {
        var state = SlotState.Empty("C-02") with
        {
            Product = Tea,
            Device = new DeviceState("rfid-c02", "00ff", "ab12", Boot: 3, LastSeq: 40, LastHeardAt: At, Online: true, Battery: 60),
            Lifts = 4, Returns = 3, Out = 1,
            Scale = new ScaleState(1800, LoadCellWindow.Begin(3, 39, At, 1801)),
            Display = new DisplayState(DisplayMode.Product, 7, At, At, null),
        };
        object[] messages =
        [
            new EntitySnapshot<SlotState>(state, "abc"),
            state.CurrentDisplay,
            new IngestSensorEvents("C-02", new DeviceSecret("rfid-c02-secret"), [new SensorReading("rfid-c02", 3, 41, At, SensorKind.Lifted, null, 55)]),
            new SlotReply.Ingested(new SensorBatchResult("C-02", 3, 1, 17)),
            StopSlot.Instance,
            new SlotReply.Viewed(SlotView.Of(state, At, SlotRules.Default)),
            new SlotReply.Shown(state.CurrentDisplay),
            new SlotReply.DeviceVerified("C-02"),
            new SlotReply.DeviceRefused("C-02"),
            new SlotReply.Rejected(Rejection.NotFound("Slot 'C-02' is not set up.", "slotId")),
        ];
        foreach (var message in messages)
        {
            var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(message);
            Assert.IsType<ShowroomSerializer>(serializer);
            var back = serializer.FromBinary(serializer.ToBinary(message), serializer.Manifest(message));
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(message), System.Text.Json.JsonSerializer.Serialize(back));
        }
    }
}
