using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Shelves;

/// <summary>A command for one slot entity (<c>slot-{slotId}</c>).</summary>
public interface ISlotCommand : IEntityCommand
{
    string SlotId { get; }
    string IEntityCommand.EntityId => SlotId;
}

/// <summary>
/// Put <paramref name="Product"/> on the slot and bind its sensor device (both <paramref name="DeviceId"/> and
/// <paramref name="Key"/>, or neither for a slot without a sensor). <paramref name="NewSalt"/> is used only when
/// the key changes. The same product, device and key again is a harmless repeat.
/// </summary>
public sealed record BindSlot(string SlotId, SlotProduct Product, string? DeviceId, DeviceSecret? Key, string NewSalt) : ISlotCommand;

/// <summary>
/// Record a device's events for this slot, authenticated by <paramref name="Key"/>. Answered with
/// <see cref="SlotReply.Ingested"/> after every accepted event is persisted (one atomic write), with
/// <see cref="SlotReply.DeviceRefused"/> when the key or a device does not match, or with a rejection.
/// </summary>
public sealed record IngestSensorEvents(string SlotId, DeviceSecret Key, IReadOnlyList<SensorReading> Events) : ISlotCommand;

/// <summary>Checks that <paramref name="Key"/> belongs to the slot's device and that it is every one of <paramref name="DeviceIds"/>.</summary>
public sealed record VerifyDevice(string SlotId, IReadOnlyList<string> DeviceIds, DeviceSecret Key) : ISlotCommand;

/// <summary>Read the slot. Answered with its view, or a not-found rejection.</summary>
public sealed record GetSlot(string SlotId) : ISlotCommand;

/// <summary>Read the slot's display. Answered with <see cref="SlotReply.Shown"/>, or a not-found rejection.</summary>
public sealed record GetDisplay(string SlotId) : ISlotCommand;

/// <summary>
/// How one batch went: readings accepted (each persisted in the journal), readings folded into the slot's steady run
/// (they only confirmed its settled state: persisted as part of the run's summary, see docs/SHELVES.md), and
/// redeliveries ignored.
/// </summary>
public sealed record SensorBatchResult(string SlotId, int Accepted, int Duplicates, int Folded = 0);
