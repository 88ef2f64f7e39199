using ShowroomActors.Domain.Alerts;
using ShowroomActors.Domain.Shelves;

namespace ShowroomActors.Domain.Tests.Alerts;

/// <summary>Which health facts open and resolve which alerts, and the acknowledgement's idempotence.</summary>
public sealed class AlertRulesTests
{
    private static readonly DateTimeOffset At = new(2020, 9, 8, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Each_health_fact_opens_its_kind_and_its_clearing_fact_resolves_it()
    {
        Assert.Equal(new AlertEffect.Open(AlertKinds.DeviceOffline, "A-01", "lc-a01", new AlertDetail(LastHeardAt: At)),
            Assert.Single(AlertRules.For(new DeviceWentOffline("A-01", "lc-a01", At, At.AddMinutes(1)))));
        Assert.Equal(new AlertEffect.Resolve(AlertKinds.DeviceOffline, "A-01", "online"), Assert.Single(AlertRules.For(new DeviceCameOnline("A-01", "lc-a01", At))));
        Assert.Equal(AlertKinds.BatteryLow, ((AlertEffect.Open)Assert.Single(AlertRules.For(new BatteryFlagChanged("A-01", "lc-a01", 12, true)))).Kind);
        Assert.Equal("battery-ok", ((AlertEffect.Resolve)Assert.Single(AlertRules.For(new BatteryFlagChanged("A-01", "lc-a01", 30, false)))).Reason);
        Assert.Equal(AlertKinds.ClockSkew, ((AlertEffect.Open)Assert.Single(AlertRules.For(new ClockSkewNoted("A-01", "lc-a01", 3, At, At, 40_000, true)))).Kind);
        Assert.Equal(AlertKinds.DeviceRebooted, ((AlertEffect.Open)Assert.Single(AlertRules.For(new DeviceRebooted("A-01", "lc-a01", 0, 1, 9)))).Kind);
        Assert.Equal(AlertKinds.LiftedTooLong, ((AlertEffect.Open)Assert.Single(AlertRules.For(new LiftOverdueChanged("A-01", true, 2, At, "overdue", At)))).Kind);
        Assert.Equal("returned", ((AlertEffect.Resolve)Assert.Single(AlertRules.For(new LiftOverdueChanged("A-01", false, 0, null, "returned", At)))).Reason);
        var low = (AlertEffect.Open)Assert.Single(AlertRules.For(new StockFlagChanged("A-01", "rice", 2, 3, true, "count", At)));
        Assert.Equal((AlertKinds.LowStock, (int?)2, (int?)3, "rice"), (low.Kind, low.Detail.EstimatedCount, low.Detail.Threshold, low.Detail.ProductId));
        Assert.Equal("restocked", ((AlertEffect.Resolve)Assert.Single(AlertRules.For(new StockFlagChanged("A-01", "rice", 3, 3, false, "count", At)))).Reason);
        Assert.Equal(new AlertEffect.Rebound("A-01", "lc-b02"), Assert.Single(AlertRules.For(new SlotBound("A-01", Product, "lc-b02", "00", "11"))));
    }

    [Fact]
    public void Readings_and_display_changes_touch_no_alert()
    {
        Assert.Empty(AlertRules.For(new DisplayChanged("A-01", 2, DisplayMode.Idle, "returned", At)));
        Assert.Empty(AlertRules.For(new SequenceGapDetected("A-01", "lc-a01", 0, 3, 5)));
    }

    [Fact]
    public void An_alert_is_acknowledged_once_and_a_repeat_records_nothing()
    {
        var first = AlertAckState.Decide(AlertAckState.Empty("low-stock-12"), new AcknowledgeAlert("low-stock-12", "api"), At);
        var acked = first.Events.Aggregate(AlertAckState.Empty("low-stock-12"), AlertAckState.Apply);
        Assert.Equal(("api", (DateTimeOffset?)At), (acked.By, acked.At));
        Assert.Empty(AlertAckState.Decide(acked, new AcknowledgeAlert("low-stock-12", "console"), At.AddMinutes(1)).Events);
        Assert.Equal("by", AlertAckState.Decide(acked, new AcknowledgeAlert("low-stock-12", "pager"), At).Rejection?.Field);
    }

    private static readonly SlotProduct Product = new("rice", "大米", "", "东源县", "合作社", "", 100, "FP1", 500);
}
