using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Shelves;

/// <summary>A slot entity's answer: the slot, its display, how a sensor batch went, whether a device key holds, or why not.</summary>
public abstract record SlotReply : IEntityReply
{
    private SlotReply()
    {
    }

    public Rejection? RejectionOrNull() => (this as Rejected)?.Rejection;

    /// <summary>The slot after binding it, or as it is (<see cref="BindSlot"/>, <see cref="GetSlot"/>).</summary>
    public sealed record Viewed(SlotView Slot) : SlotReply;

    /// <summary>What the slot's screen shows (<see cref="GetDisplay"/>).</summary>
    public sealed record Shown(SlotDisplay Display) : SlotReply;

    /// <summary>The batch's events are persisted (<see cref="IngestSensorEvents"/>).</summary>
    public sealed record Ingested(SensorBatchResult Result) : SlotReply;

    /// <summary>The key belongs to the slot's device and every device the events name is it (<see cref="VerifyDevice"/>).</summary>
    public sealed record DeviceVerified(string SlotId) : SlotReply;

    /// <summary>The key does not belong to the slot's device, or an event names another device. Nothing was recorded.</summary>
    public sealed record DeviceRefused(string SlotId) : SlotReply;

    public sealed record Rejected(Rejection Rejection) : SlotReply;
}
