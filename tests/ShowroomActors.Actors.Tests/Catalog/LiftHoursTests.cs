using ShowroomActors.Actors.Catalog;

namespace ShowroomActors.Actors.Tests.Catalog;

public sealed class LiftHoursTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    [Fact]
    public void Lifts_fall_into_their_hour_of_the_china_standard_time_day()
    {
        var hours = new LiftHours();
        hours.Add("A-01", new DateTimeOffset(2026, 12, 4, 9, 15, 0, Cst), 2);
        hours.Add("A-01", new DateTimeOffset(2026, 12, 4, 9, 59, 0, Cst), 1);
        // 23:30 UTC on the 3rd is 07:30 on the 4th in China.
        hours.Add("B-02", new DateTimeOffset(2026, 12, 3, 23, 30, 0, TimeSpan.Zero), 1);
        hours.Add("B-02", new DateTimeOffset(2026, 12, 3, 15, 59, 0, TimeSpan.Zero), 5); // 23:59 on the 3rd
        hours.Add("C-03", new DateTimeOffset(2026, 12, 4, 10, 0, 0, Cst), 0);

        var day = hours.Day(new DateOnly(2026, 12, 4));
        Assert.Equal(["A-01", "B-02"], day.Keys);
        Assert.Equal(3, day["A-01"][9]);
        Assert.Equal(3, day["A-01"].Sum());
        Assert.Equal(1, day["B-02"][7]);
        Assert.Equal(1, day["B-02"].Sum());
        Assert.Equal(5, hours.Day(new DateOnly(2026, 12, 3))["B-02"][23]);
    }

    [Fact]
    public void Days_older_than_the_kept_ones_are_dropped_and_late_lifts_for_them_ignored()
    {
        var hours = new LiftHours();
        var first = new DateTimeOffset(2026, 11, 1, 10, 0, 0, Cst);
        hours.Add("A-01", first, 4);
        hours.Add("A-01", first.AddDays(LiftHours.KeepDays + 1), 1);
        Assert.Empty(hours.Day(new DateOnly(2026, 11, 1)));
        hours.Add("A-01", first, 4);
        Assert.Empty(hours.Day(new DateOnly(2026, 11, 1)));
        Assert.Equal(1, hours.Day(DateOnly.FromDateTime(first.AddDays(LiftHours.KeepDays + 1).DateTime))["A-01"][10]);
    }
}
