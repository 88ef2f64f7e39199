using System.Text.Json.Serialization;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Actors.Serialization;
using ShowroomActors.Domain.Shelves;

namespace ShowroomActors.Actors.Shelves;

/// <summary>
/// The slot aggregate's serializable types and their manifests. Never rename a manifest. Retired before any data was
/// stored (none to upcast): slot.sensor-event.v1, slot.lifted.v1, slot.returned.v1 and slot.weight-settled.v1, replaced
/// by one batch and one items-moved event per request (docs/SHELVES.md, "Event model"). Still read, no longer written:
/// slot.sensor-batch.v1 (upcast) and slot.items-moved.v1, which v2 batches replace; slot.sensor-batch.v2 (the v3 shape
/// without a closed steady run and settles) and slot.weight-settled.v2, which v3 readings carry; slot.display-changed.v1
/// (upcast: the product copy it carried is the slot's product).
/// </summary>
public static class SlotMessages
{
    public static IEnumerable<MessageType> All =>
    [
        MessageType.Event("slot.bound.v1", SlotJson.Instance.SlotBound),
        MessageType.Upcast("slot.sensor-batch.v1", SlotJson.Instance.SensorBatchRecordedV1, (SensorBatchRecordedV1 old) => old.Upcast()),
        MessageType.Superseded("slot.sensor-batch.v2", SlotJson.Instance.SensorBatchRecorded),
        MessageType.Event("slot.sensor-batch.v3", SlotJson.Instance.SensorBatchRecorded),
        MessageType.Event("slot.steady-run.v1", SlotJson.Instance.SteadyRunSummarized),
        MessageType.Event("slot.sequence-gap.v1", SlotJson.Instance.SequenceGapDetected),
        MessageType.Event("slot.device-rebooted.v1", SlotJson.Instance.DeviceRebooted),
        MessageType.Event("slot.clock-skew.v1", SlotJson.Instance.ClockSkewNoted),
        MessageType.Event("slot.device-online.v1", SlotJson.Instance.DeviceCameOnline),
        MessageType.Event("slot.device-offline.v1", SlotJson.Instance.DeviceWentOffline),
        MessageType.Event("slot.battery-flag.v1", SlotJson.Instance.BatteryFlagChanged),
        MessageType.Event("slot.lift-overdue.v1", SlotJson.Instance.LiftOverdueChanged),
        MessageType.Event("slot.stock-flag.v1", SlotJson.Instance.StockFlagChanged),
        MessageType.Event("slot.weight-settled.v2", SlotJson.Instance.WeightSettled), // read only: v2 batches were followed by it
        MessageType.Event("slot.items-moved.v1", SlotJson.Instance.ItemsMoved), // read only: see SensorBatchRecordedV1
        MessageType.Upcast("slot.display-changed.v1", SlotJson.Instance.DisplayChangedV1, (DisplayChangedV1 old) => old.Upcast()),
        MessageType.Event("slot.display-changed.v2", SlotJson.Instance.DisplayChanged),
        MessageType.Message("slot.bind.v1", SlotJson.Instance.BindSlot),
        MessageType.Message("slot.ingest.v1", SlotJson.Instance.IngestSensorEvents),
        MessageType.Message("slot.verify-device.v1", SlotJson.Instance.VerifyDevice),
        MessageType.Message("slot.note-presence.v1", SlotJson.Instance.NoteDevicePresence),
        MessageType.Message("slot.get.v1", SlotJson.Instance.GetSlot),
        MessageType.Message("slot.get-display.v1", SlotJson.Instance.GetDisplay),
        MessageType.Message("slot.reply.viewed.v1", SlotJson.Instance.SlotReplyViewed),
        MessageType.Message("slot.reply.shown.v1", SlotJson.Instance.SlotReplyShown),
        MessageType.Message("slot.reply.ingested.v1", SlotJson.Instance.SlotReplyIngested),
        MessageType.Message("slot.reply.device-verified.v1", SlotJson.Instance.SlotReplyDeviceVerified),
        MessageType.Message("slot.reply.device-refused.v1", SlotJson.Instance.SlotReplyDeviceRefused),
        MessageType.Message("slot.reply.rejected.v1", SlotJson.Instance.SlotReplyRejected),
        MessageType.Message("slot.display.v1", SlotJson.Instance.SlotDisplay),
        // The whole state: rendered by the audit API's state-as-of answers, never sent to an asker (replies carry views).
        MessageType.Message("slot.state.v1", SlotJson.Instance.SlotState),
        MessageType.Message("slot.snapshot.v1", SlotJson.Instance.EntitySnapshotSlotState),
        MessageType.Message("slot.stop.v1", SlotJson.Instance.StopSlot),
    ];
}

[JsonSerializable(typeof(SlotBound))]
[JsonSerializable(typeof(SensorBatchRecordedV1))]
[JsonSerializable(typeof(SensorBatchRecorded))]
[JsonSerializable(typeof(SteadyRunSummarized))]
[JsonSerializable(typeof(SequenceGapDetected))]
[JsonSerializable(typeof(DeviceRebooted))]
[JsonSerializable(typeof(ClockSkewNoted))]
[JsonSerializable(typeof(DeviceCameOnline))]
[JsonSerializable(typeof(DeviceWentOffline))]
[JsonSerializable(typeof(BatteryFlagChanged))]
[JsonSerializable(typeof(LiftOverdueChanged))]
[JsonSerializable(typeof(StockFlagChanged))]
[JsonSerializable(typeof(WeightSettled))]
[JsonSerializable(typeof(ItemsMoved))]
[JsonSerializable(typeof(DisplayChanged))]
[JsonSerializable(typeof(DisplayChangedV1))]
[JsonSerializable(typeof(StopSlot))]
[JsonSerializable(typeof(BindSlot))]
[JsonSerializable(typeof(IngestSensorEvents))]
[JsonSerializable(typeof(VerifyDevice))]
[JsonSerializable(typeof(NoteDevicePresence))]
[JsonSerializable(typeof(GetSlot))]
[JsonSerializable(typeof(GetDisplay))]
[JsonSerializable(typeof(SlotReply.Viewed), TypeInfoPropertyName = "SlotReplyViewed")]
[JsonSerializable(typeof(SlotReply.Shown), TypeInfoPropertyName = "SlotReplyShown")]
[JsonSerializable(typeof(SlotReply.Ingested), TypeInfoPropertyName = "SlotReplyIngested")]
[JsonSerializable(typeof(SlotReply.DeviceVerified), TypeInfoPropertyName = "SlotReplyDeviceVerified")]
[JsonSerializable(typeof(SlotReply.DeviceRefused), TypeInfoPropertyName = "SlotReplyDeviceRefused")]
[JsonSerializable(typeof(SlotReply.Rejected), TypeInfoPropertyName = "SlotReplyRejected")]
[JsonSerializable(typeof(SlotDisplay))]
[JsonSerializable(typeof(SlotState))]
[JsonSerializable(typeof(EntitySnapshot<SlotState>))]
internal sealed partial class SlotJson : JsonSerializerContext
{
    public static readonly SlotJson Instance = new(ShowroomJson.NewOptions());
}
