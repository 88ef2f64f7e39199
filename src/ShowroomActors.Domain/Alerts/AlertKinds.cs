namespace ShowroomActors.Domain.Alerts;

/// <summary>What an alert is about: one kind per health fact that opens it.</summary>
public static class AlertKinds
{
    public const string DeviceOffline = "device-offline";
    public const string BatteryLow = "battery-low";
    public const string DeviceRebooted = "device-rebooted";
    public const string ClockSkew = "clock-skew";
    public const string LiftedTooLong = "lifted-too-long";
    public const string LowStock = "low-stock";

    public static readonly IReadOnlyList<string> All = [DeviceOffline, BatteryLow, DeviceRebooted, ClockSkew, LiftedTooLong, LowStock];

    /// <summary>Kinds about the slot's device (a new device on the slot resolves them); the others are about the slot.</summary>
    public static bool IsAboutDevice(string kind) => kind is DeviceOffline or BatteryLow or DeviceRebooted or ClockSkew;
}

/// <summary>An alert's state: open, acknowledged by an operator (still unresolved), or resolved (acknowledged or not).</summary>
public enum AlertState
{
    Open,
    Acknowledged,
    Resolved,
}

/// <summary>The changes an alert goes through, as webhook event names.</summary>
public static class AlertChanges
{
    public const string Opened = "alert.opened";
    public const string Acknowledged = "alert.acknowledged";
    public const string Resolved = "alert.resolved";

    public static readonly IReadOnlyList<string> All = [Opened, Acknowledged, Resolved];
}
