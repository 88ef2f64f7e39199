using Akka.Configuration;
using ShowroomActors.Domain.Shelves;

namespace ShowroomActors.Actors.Shelves;

/// <summary>The <c>showroom.shelves</c> block of hocon/showroom.conf: the slots' rules and the screens' stream settings.</summary>
public sealed record ShelfSettings(SlotRules Rules, TimeSpan KeepAlive)
{
    public static ShelfSettings From(Config config)
    {
        var d = SlotRules.Default;
        var c = config.GetConfig("showroom.shelves") ?? Config.Empty;
        var rules = new SlotRules
        {
            StableFor = c.GetTimeSpan("stable-for", d.StableFor),
            DisplayLinger = c.GetTimeSpan("display-linger", d.DisplayLinger),
            MinPlay = c.GetTimeSpan("min-play", d.MinPlay),
            MaxPlay = c.GetTimeSpan("max-play", d.MaxPlay),
            DeviceOfflineAfter = c.GetTimeSpan("device-offline-after", d.DeviceOfflineAfter),
            ClockSkewTolerance = c.GetTimeSpan("clock-skew-tolerance", d.ClockSkewTolerance),
            BatteryLowBelow = c.GetInt("battery-low-below", d.BatteryLowBelow),
            BatteryOkFrom = c.GetInt("battery-ok-from", d.BatteryOkFrom),
            SteadySummaryEvery = c.GetTimeSpan("steady-summary-every", d.SteadySummaryEvery),
            BatteryChangeRecordedFrom = c.GetInt("battery-change-recorded-from", d.BatteryChangeRecordedFrom),
            LiftedTooLong = c.GetTimeSpan("lifted-too-long", d.LiftedTooLong),
            LowStockBelow = c.GetInt("low-stock", d.LowStockBelow),
        };
        return new ShelfSettings(rules, c.GetTimeSpan("sse-keep-alive", TimeSpan.FromSeconds(15)));
    }
}
