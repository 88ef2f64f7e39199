using Microsoft.Extensions.Localization;
using ShowroomActors.Domain.Alerts;

namespace ShowroomActors.Host.WebConsole;

/// <summary>
/// The floor page's alerts: every unresolved alert as the page is rendered (the page's script keeps them live from
/// <c>/console/alerts/stream</c> and marks the affected tiles), whether this session may acknowledge them (operators
/// only: an auditor's view is read-only), and the problem of a failed acknowledgement.
/// </summary>
public sealed record FloorAlerts(IReadOnlyList<AlertView> Alerts, bool CanAcknowledge, string? Problem = null)
{
    /// <summary>An alert kind as the page names it.</summary>
    public static string KindText(IStringLocalizer<ConsoleText> t, string kind) => kind switch
    {
        AlertKinds.DeviceOffline => t["Device offline"],
        AlertKinds.BatteryLow => t["Battery low"],
        AlertKinds.DeviceRebooted => t["Device rebooted"],
        AlertKinds.ClockSkew => t["Clock skew"],
        AlertKinds.LiftedTooLong => t["Lifted too long"],
        AlertKinds.LowStock => t["Low stock"],
        _ => kind,
    };
}
