using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.TestKit;
using ShowroomActors.Actors.Audit;
using ShowroomActors.Actors.Shelves;
using ShowroomActors.Actors.Tests.Support;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Shelves;
using Xunit.Abstractions;

namespace ShowroomActors.Actors.Tests.Shelves;

// The first write of a fresh system creates the journal tables; on a busy 2-core machine that can pass 3 s.
public sealed class SlotEntityTests(ITestOutputHelper output) : SqliteTestKit(output, "akka.test.single-expect-default = 15s")
{
    private const string Key = "lc-a01-secret-key";
    private static readonly SlotProduct Oil = new("dongyuan-camellia-oil-500ml", "东源野山茶油 500ml", "低温压榨。", "东源县",
        "东源县漳溪畲族乡山茶种植专业合作社", "带动了32户村民。", 8800, "FP44162520200005", 620);

    private static readonly SlotRules Rules = SlotRules.Default with
    {
        StableFor = TimeSpan.FromMilliseconds(500),
        DisplayLinger = TimeSpan.FromMilliseconds(300),
        MinPlay = TimeSpan.FromMilliseconds(100),
    };

    private IActorRef Slot(string id, TestProbe screens, int snapshotEvery = 5) =>
        Sys.ActorOf(SlotEntity.Props(id, TimeProvider.System, snapshotEvery, Rules, screens));

    /// <summary>Stops the slot as sharding does (passivation, hand-off): with <see cref="StopSlot"/>.</summary>
    private void Stop(IActorRef actor)
    {
        Watch(actor);
        actor.Tell(StopSlot.Instance);
        ExpectTerminated(actor);
    }

    private IActorRef Bound(string id, TestProbe screens, int snapshotEvery = 5)
    {
        var slot = Slot(id, screens, snapshotEvery);
        slot.Tell(new BindSlot(id, Oil, "lc-" + id, new DeviceSecret(Key), DeviceKeys.NewSalt()));
        Assert.Equal(id, ExpectMsg<SlotReply.Viewed>().Slot.SlotId);
        return slot;
    }

    private static SensorReading Event(string device, long seq, SensorKind kind, long boot = 0) =>
        new(device, boot, seq, DateTimeOffset.UtcNow, kind, null, null);

    private IngestSensorEvents Batch(string id, params SensorReading[] events) => new(id, new DeviceSecret(Key), events);

    [Fact]
    public void A_lift_is_persisted_answered_and_published_to_the_slot_topic_with_a_new_version()
    {
        var screens = CreateTestProbe();
        var slot = Bound("s1", screens);
        slot.Tell(Batch("s1", Event("lc-s1", 0, SensorKind.Heartbeat), Event("lc-s1", 1, SensorKind.Lifted)));
        Assert.Equal(new SensorBatchResult("s1", 2, 0, 0), ExpectMsg<SlotReply.Ingested>().Result);

        var publish = screens.ExpectMsg<Publish>();
        Assert.Equal(DisplayTopics.For("s1"), publish.Topic);
        var display = Assert.IsType<SlotDisplay>(publish.Message);
        Assert.Equal((DisplayMode.Product, 1L, Oil), (display.Mode, display.Version, display.Product));

        var journal = JournalReader.Events(Settings, "slot-s1").Select(e => e.Manifest).ToList();
        Assert.Equal(["slot.bound.v1", "slot.sensor-batch.v3", "slot.device-online.v1"], journal);
        var batch = (SensorBatchRecorded)JournalReader.Events(Settings, "slot-s1")[1].Event;
        Assert.Equal([0L, 1L], batch.Readings.Select(r => r.Seq));
    }

    [Fact]
    public void Redelivered_events_are_counted_as_duplicates_and_persist_nothing()
    {
        var screens = CreateTestProbe();
        var slot = Bound("s2", screens);
        slot.Tell(Batch("s2", Event("lc-s2", 0, SensorKind.Lifted), Event("lc-s2", 1, SensorKind.Returned)));
        ExpectMsg<SlotReply.Ingested>();
        var written = JournalReader.Events(Settings, "slot-s2").Count;

        slot.Tell(Batch("s2", Event("lc-s2", 1, SensorKind.Returned), Event("lc-s2", 0, SensorKind.Lifted)));
        Assert.Equal(new SensorBatchResult("s2", 0, 2), ExpectMsg<SlotReply.Ingested>().Result);
        Assert.Equal(written, JournalReader.Events(Settings, "slot-s2").Count);
        slot.Tell(new GetSlot("s2"));
        var state = ExpectMsg<SlotReply.Viewed>().Slot;
        Assert.Equal((1, 1), (state.Lifts, state.Returns));
    }

    [Fact]
    public void A_gap_is_an_event_in_the_journal()
    {
        var slot = Bound("s3", CreateTestProbe());
        slot.Tell(Batch("s3", Event("lc-s3", 0, SensorKind.Heartbeat)));
        ExpectMsg<SlotReply.Ingested>();
        slot.Tell(Batch("s3", Event("lc-s3", 10, SensorKind.Heartbeat)));
        Assert.Equal(1, ExpectMsg<SlotReply.Ingested>().Result.Accepted);
        var gap = JournalReader.Events(Settings, "slot-s3").Select(e => e.Event).OfType<SequenceGapDetected>().Single();
        Assert.Equal((1L, 10L), (gap.ExpectedSeq, gap.ReceivedSeq));
    }

    [Fact]
    public void A_wrong_key_is_refused_and_nothing_is_recorded()
    {
        var slot = Bound("s4", CreateTestProbe());
        var written = JournalReader.Events(Settings, "slot-s4").Count;
        slot.Tell(new IngestSensorEvents("s4", new DeviceSecret("not-the-right-key"), [Event("lc-s4", 0, SensorKind.Lifted)]));
        ExpectMsg<SlotReply.DeviceRefused>();
        slot.Tell(Batch("s4", Event("lc-other", 0, SensorKind.Lifted)));
        ExpectMsg<SlotReply.DeviceRefused>();
        Assert.Equal(written, JournalReader.Events(Settings, "slot-s4").Count);

        var unknown = Slot("nobody", CreateTestProbe());
        unknown.Tell(Batch("nobody", Event("lc-x", 0, SensorKind.Lifted)));
        Assert.Equal(RejectionCode.NotFound, ExpectMsg<SlotReply.Rejected>().Rejection.Code);
    }

    [Fact]
    public void After_a_stop_the_slot_recovers_counts_and_seq_and_still_recognises_duplicates()
    {
        var slot = Bound("s5", CreateTestProbe());
        for (var seq = 0; seq < 8; seq += 2)
        {
            slot.Tell(Batch("s5", Event("lc-s5", seq, SensorKind.Lifted), Event("lc-s5", seq + 1, SensorKind.Returned)));
            ExpectMsg<SlotReply.Ingested>();
        }
        Stop(slot);

        var recovered = Slot("s5", CreateTestProbe());
        recovered.Tell(new GetSlot("s5"));
        var state = ExpectMsg<SlotReply.Viewed>().Slot;
        Assert.Equal((4, 4, 7L), (state.Lifts, state.Returns, state.Device!.LastSeq!.Value));
        recovered.Tell(Batch("s5", Event("lc-s5", 7, SensorKind.Returned), Event("lc-s5", 8, SensorKind.Lifted)));
        Assert.Equal(new SensorBatchResult("s5", 1, 1), ExpectMsg<SlotReply.Ingested>().Result);

        var chain = JournalReader.Events(Settings, "slot-s5");
        for (var i = 0; i < chain.Count; i++)
            Assert.True(chain[i].HashMatches("slot-s5", i + 1, i == 0 ? ShowroomActors.Domain.Audit.HashChain.Genesis : chain[i - 1].Hash), $"hash of event {i + 1}");
    }

    [Fact]
    public async Task Recovery_from_the_snapshot_and_the_audit_replay_of_the_events_give_the_state_the_slot_had()
    {
        // A snapshot every 4 events: the tenth event, the stop's steady-run summary, crosses no multiple of 4, so the
        // stop takes no snapshot of its own and recovery has events to replay after the last one.
        var slot = Bound("s8", CreateTestProbe(), snapshotEvery: 4);
        var start = DateTimeOffset.UtcNow;
        var seq = 0L;
        SensorReading Weight(long grams, long boot = 0, int? battery = null) =>
            new("lc-s8", boot, seq++, start.AddMilliseconds(250 * seq), SensorKind.Weight, grams, battery);
        // Settle at ten units; in one request a lift of one (motion, then a new stable weight); then a reboot
        // mid-request, whose readings start a new run, a low battery and a sensor pickup.
        slot.Tell(Batch("s8", [.. Enumerable.Range(0, 4).Select(_ => Weight(6200))]));
        ExpectMsg<SlotReply.Ingested>();
        slot.Tell(Batch("s8", [Weight(6201), Weight(5900), .. Enumerable.Range(0, 4).Select(i => Weight(5580 + i % 2))]));
        ExpectMsg<SlotReply.Ingested>();
        var beforeBoot = seq;
        seq = 0;
        slot.Tell(Batch("s8", [Weight(5581, boot: 0) with { Seq = beforeBoot }, Weight(5580, boot: 1, battery: 12), Weight(5581, boot: 1),
            new SensorReading("lc-s8", 1, seq++, start.AddSeconds(5), SensorKind.Lifted, null, null)]));
        Assert.Equal(4, ExpectMsg<SlotReply.Ingested>().Result.Accepted);
        // A snapshot was taken; a put-back after it, then a reading folded into the steady run, so
        // recovery starts from the snapshot, replays an event, and the stop's summary.
        AwaitAssert(() => Assert.NotNull(LatestSnapshot("slot-s8")), TimeSpan.FromSeconds(10));
        slot.Tell(Batch("s8", new SensorReading("lc-s8", 1, seq++, start.AddSeconds(6), SensorKind.Returned, null, null)));
        ExpectMsg<SlotReply.Ingested>();
        slot.Tell(Batch("s8", new SensorReading("lc-s8", 1, seq++, start.AddSeconds(6.25), SensorKind.Heartbeat, null, null)));
        Assert.Equal(1, ExpectMsg<SlotReply.Ingested>().Result.Folded);
        slot.Tell(new GetSlot("s8"));
        var before = ExpectMsg<SlotReply.Viewed>().Slot;
        Assert.Equal((2, 1, 1, true), (before.Lifts, before.Device!.Reboots, before.Device.Boot, before.Device.BatteryLow));
        Assert.Equal(9, before.EstimatedCount);
        Stop(slot);
        Assert.Equal("slot.steady-run.v1", JournalReader.Events(Settings, "slot-s8")[^1].Manifest);
        Assert.True(LatestSnapshot("slot-s8") < JournalReader.Events(Settings, "slot-s8").Count, "recovery replays events after the snapshot");

        var recovered = Slot("s8", CreateTestProbe(), snapshotEvery: 4);
        recovered.Tell(new GetSlot("s8"));
        Assert.Equal(before, ExpectMsg<SlotReply.Viewed>().Slot);
        var (replayed, _, _) = await StreamReplay.StateAsOfAsync(new AuditJournal(Settings).StreamAsync("slot-s8"), "slot-s8", null);
        // The live view was taken while the device was online; the replayed state viewed at that moment matches it.
        Assert.True(before.Device.Online);
        Assert.Equal(before, SlotView.Of((SlotState)replayed, before.Device.LastHeardAt!.Value, Rules));
    }

    private long? LatestSnapshot(string persistenceId)
    {
        using var connection = ShowroomActors.Actors.Persistence.JournalStore.Open(Settings);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(sequence_number) FROM snapshot WHERE persistence_id = @pid";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@pid";
        parameter.Value = persistenceId;
        command.Parameters.Add(parameter);
        return command.ExecuteScalar() is long seq ? seq : null;
    }

    [Fact]
    public void The_screen_goes_idle_by_timer_after_the_linger_and_that_change_is_published_too()
    {
        var screens = CreateTestProbe();
        var slot = Bound("s6", screens);
        slot.Tell(Batch("s6", Event("lc-s6", 0, SensorKind.Lifted)));
        ExpectMsg<SlotReply.Ingested>();
        Assert.Equal(DisplayMode.Product, ((SlotDisplay)screens.ExpectMsg<Publish>().Message).Mode);
        slot.Tell(Batch("s6", Event("lc-s6", 1, SensorKind.Returned)));
        ExpectMsg<SlotReply.Ingested>();

        var idle = (SlotDisplay)screens.ExpectMsg<Publish>(TimeSpan.FromSeconds(5)).Message;
        Assert.Equal((DisplayMode.Idle, 2L), (idle.Mode, idle.Version));
        slot.Tell(new GetDisplay("s6"));
        Assert.Equal(idle, ExpectMsg<SlotReply.Shown>().Display);
    }

    [Fact]
    public void An_idle_that_fell_due_while_the_entity_was_stopped_is_recorded_on_the_next_read()
    {
        var slot = Bound("s7", CreateTestProbe());
        slot.Tell(Batch("s7", Event("lc-s7", 0, SensorKind.Lifted), Event("lc-s7", 1, SensorKind.Returned)));
        ExpectMsg<SlotReply.Ingested>();
        Stop(slot);
        Thread.Sleep(Rules.DisplayLinger + TimeSpan.FromMilliseconds(100));

        var screens = CreateTestProbe();
        var recovered = Slot("s7", screens);
        recovered.Tell(new GetDisplay("s7"));
        var display = ExpectMsg<SlotReply.Shown>().Display;
        Assert.Equal((DisplayMode.Idle, 2L), (display.Mode, display.Version));
        Assert.Equal(display, screens.ExpectMsg<Publish>().Message);
    }

    [Fact]
    public void Device_health_changes_are_logged_once_persisted()
    {
        var rules = Rules with { DeviceOfflineAfter = TimeSpan.FromMilliseconds(600) };
        var slot = Sys.ActorOf(SlotEntity.Props("s9", TimeProvider.System, snapshotEvery: 5, rules, CreateTestProbe()));
        slot.Tell(new BindSlot("s9", Oil, "lc-s9", new DeviceSecret(Key), DeviceKeys.NewSalt()));
        ExpectMsg<SlotReply.Viewed>();

        // The offline filter listens from before the batch, so a slow machine cannot let the warning pass unseen.
        EventFilter.Warning(contains: "of slot \"s9\" went offline").ExpectOne(TimeSpan.FromSeconds(20), () =>
            EventFilter.Warning(contains: "of slot \"s9\" has a low battery: 12%").ExpectOne(() =>
            {
                slot.Tell(Batch("s9", Event("lc-s9", 0, SensorKind.Heartbeat) with { Battery = 12 }));
                ExpectMsg<SlotReply.Ingested>();
            }));
    }

    [Fact]
    public void Readings_that_confirm_a_settled_weight_are_answered_as_folded_and_summarised_when_the_slot_stops()
    {
        var slot = Bound("s11", CreateTestProbe());
        var start = DateTimeOffset.UtcNow;
        SensorReading Weight(long seq) => new("lc-s11", 0, seq, start.AddMilliseconds(250 * seq), SensorKind.Weight, 6200 + seq % 3, null);
        for (var seq = 0; seq < 4; seq++)
        {
            slot.Tell(Batch("s11", Weight(seq)));
            ExpectMsg<SlotReply.Ingested>();
        }
        var rows = JournalReader.Events(Settings, "slot-s11").Count;

        for (var seq = 4; seq < 24; seq++)
        {
            slot.Tell(Batch("s11", Weight(seq)));
            Assert.Equal(new SensorBatchResult("s11", 0, 0, 1), ExpectMsg<SlotReply.Ingested>().Result);
        }
        Assert.Equal(rows, JournalReader.Events(Settings, "slot-s11").Count);

        Stop(slot);
        var stop = JournalReader.Events(Settings, "slot-s11")[^1];
        var summary = Assert.IsType<SteadyRunSummarized>(stop.Event);
        // Settled with the third reading (stable-for 500 ms): the fourth and every one after were folded.
        Assert.Equal(("stop", 3L, 23L, 21), (summary.Reason, summary.Run.FirstSeq, summary.Run.LastSeq, summary.Run.Count));

        var recovered = Slot("s11", CreateTestProbe());
        recovered.Tell(Batch("s11", Weight(23)));
        Assert.Equal(new SensorBatchResult("s11", 0, 1, 0), ExpectMsg<SlotReply.Ingested>().Result); // summarised: a duplicate
    }

    [Fact]
    public void The_timer_summarises_a_steady_run_every_summary_interval_without_another_reading()
    {
        var rules = Rules with { SteadySummaryEvery = TimeSpan.FromMilliseconds(400) };
        var slot = Sys.ActorOf(SlotEntity.Props("s10", TimeProvider.System, snapshotEvery: 5, rules, CreateTestProbe()));
        slot.Tell(new BindSlot("s10", Oil, "lc-s10", new DeviceSecret(Key), DeviceKeys.NewSalt()));
        ExpectMsg<SlotReply.Viewed>();
        for (var seq = 0; seq < 8; seq++)
        {
            slot.Tell(Batch("s10", new SensorReading("lc-s10", 0, seq, DateTimeOffset.UtcNow, SensorKind.Heartbeat, null, null)));
            ExpectMsg<SlotReply.Ingested>();
        }
        AwaitAssert(() =>
        {
            var summary = Assert.IsType<SteadyRunSummarized>(JournalReader.Events(Settings, "slot-s10")[^1].Event);
            Assert.Equal(("every", 7L), (summary.Reason, summary.Run.LastSeq));
        }, TimeSpan.FromSeconds(5));
    }
}
