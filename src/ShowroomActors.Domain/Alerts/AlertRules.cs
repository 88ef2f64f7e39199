using ShowroomActors.Domain.Shelves;

namespace ShowroomActors.Domain.Alerts;

/// <summary>What a health fact does to the alert book.</summary>
public abstract record AlertEffect
{
    private AlertEffect()
    {
    }

    /// <summary>Opens an alert of <c>Kind</c> on the slot, unless one of that kind is still unresolved there.</summary>
    public sealed record Open(string Kind, string SlotId, string? DeviceId, AlertDetail Detail) : AlertEffect;

    /// <summary>Resolves the slot's unresolved alert of <c>Kind</c> (if any), naming the fact that cleared it.</summary>
    public sealed record Resolve(string Kind, string SlotId, string Reason) : AlertEffect;

    /// <summary>The slot was bound anew: its unresolved device alerts about a device other than <c>DeviceId</c> resolve (<c>rebound</c>).</summary>
    public sealed record Rebound(string SlotId, string? DeviceId) : AlertEffect;
}

/// <summary>
/// Which slot facts open and resolve which alerts. Pure: the alert book applies the effects in journal order. A device
/// that was never activated (bound, never heard from) records none of these facts, so it never raises an alert.
/// A reboot has no fact that clears it: its alert stays until an operator acknowledges it, or a new device is bound.
/// </summary>
public static class AlertRules
{
    public static IReadOnlyList<AlertEffect> For(ISlotEvent e) => e switch
    {
        DeviceWentOffline off => [new AlertEffect.Open(AlertKinds.DeviceOffline, off.SlotId, off.DeviceId, new AlertDetail(LastHeardAt: off.LastHeardAt))],
        DeviceCameOnline on => [new AlertEffect.Resolve(AlertKinds.DeviceOffline, on.SlotId, "online")],
        BatteryFlagChanged { Low: true } low => [new AlertEffect.Open(AlertKinds.BatteryLow, low.SlotId, low.DeviceId, new AlertDetail(Battery: low.Battery))],
        BatteryFlagChanged ok => [new AlertEffect.Resolve(AlertKinds.BatteryLow, ok.SlotId, "battery-ok")],
        DeviceRebooted r => [new AlertEffect.Open(AlertKinds.DeviceRebooted, r.SlotId, r.DeviceId, new AlertDetail(Boot: r.Boot, PreviousBoot: r.PreviousBoot))],
        ClockSkewNoted { Skewed: true } skew => [new AlertEffect.Open(AlertKinds.ClockSkew, skew.SlotId, skew.DeviceId, new AlertDetail(SkewMilliseconds: skew.SkewMilliseconds))],
        ClockSkewNoted inSync => [new AlertEffect.Resolve(AlertKinds.ClockSkew, inSync.SlotId, "clock-in-sync")],
        LiftOverdueChanged { Overdue: true } lift => [new AlertEffect.Open(AlertKinds.LiftedTooLong, lift.SlotId, null, new AlertDetail(ItemsOut: lift.Out, LiftedSince: lift.LiftedSince))],
        LiftOverdueChanged back => [new AlertEffect.Resolve(AlertKinds.LiftedTooLong, back.SlotId, back.Reason)],
        StockFlagChanged { Low: true } low => [new AlertEffect.Open(AlertKinds.LowStock, low.SlotId, null,
            new AlertDetail(EstimatedCount: low.EstimatedCount, Threshold: low.Threshold, ProductId: low.ProductId))],
        StockFlagChanged ok => [new AlertEffect.Resolve(AlertKinds.LowStock, ok.SlotId, ok.Reason == "count" ? "restocked" : ok.Reason)],
        SlotBound b => [new AlertEffect.Rebound(b.SlotId, b.DeviceId)],
        _ => [],
    };

    /// <summary>The state of an alert from its timestamps.</summary>
    public static AlertState StateOf(bool acknowledged, bool resolved) =>
        resolved ? AlertState.Resolved : acknowledged ? AlertState.Acknowledged : AlertState.Open;
}
