namespace ShowroomActors.Domain.Shelves;

/// <summary>
/// The sensor device bound to a slot: its key (salted hash only), sequence tracking, health. <see cref="Boot"/> and
/// <see cref="LastSeq"/> are null until the first event after binding.
/// </summary>
public sealed record DeviceState(
    string DeviceId,
    string KeySalt,
    string KeyHash,
    long? Boot = null,
    long? LastSeq = null,
    DateTimeOffset? LastHeardAt = null,
    bool Online = false,
    int? Battery = null,
    bool BatteryLow = false,
    bool ClockSkewed = false,
    long MissedEvents = 0,
    int Reboots = 0)
{
    /// <summary>Online as of <paramref name="now"/>: heard within the offline limit, evaluated on read even if no timer ran.</summary>
    public bool IsOnlineAt(DateTimeOffset now, SlotRules rules) =>
        Online && LastHeardAt is { } heard && now - heard < rules.DeviceOfflineAfter;

    /// <summary>When the device counts as offline unless it is heard from again, or null when it is not online.</summary>
    public DateTimeOffset? OfflineDueAt(SlotRules rules) =>
        Online && LastHeardAt is { } heard ? heard + rules.DeviceOfflineAfter : null;
}

/// <summary>The load-cell part of a slot: the last stable weight (the baseline) and the current no-motion run.</summary>
public sealed record ScaleState(long? StableGrams, LoadCellWindow? Window)
{
    public static readonly ScaleState Unknown = new(null, null);
}
