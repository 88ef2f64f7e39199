using ShowroomActors.Domain.Buyers;
using static ShowroomActors.Domain.Tests.Buyers.BuyerFixtures;

namespace ShowroomActors.Domain.Tests.Buyers;

/// <summary>The clock is fixed at 1 July 2026 00:00 (UTC+8): 181 of 365 days gone, a share of 0.4958….</summary>
public sealed class QuotaFiguresTests
{
    private static readonly AnnualPlan Plan2026 = new(2026, F(300_000_000), R(0.30m), "jurisdiction:shenzhen-yantian:2020", true);

    private static YearTally Certified(long showroom, long union = 0, long external = 0) =>
        new(F(showroom), F(union), F(external), F(showroom + union + external), F(0));

    [Fact]
    public void Target_progress_shortfall_and_sources()
    {
        var figures = QuotaFigures.Compute(2026, Plan2026, Certified(20_000_000, 15_000_000, 10_000_000), Now);

        Assert.Equal(F(90_000_000), figures.Target);
        Assert.Equal(F(45_000_000), figures.Certified);
        Assert.Equal(0.5m, figures.Progress);
        Assert.Equal(F(45_000_000), figures.Shortfall);
        Assert.Equal((F(20_000_000), F(15_000_000), F(10_000_000)), (figures.ShowroomFen, figures.UnionFen, figures.ExternalFen));
        Assert.Equal(0.4958m, figures.YearElapsed);
    }

    [Fact]
    public void On_track_when_progress_keeps_up_with_the_share_of_the_year_gone_by()
    {
        // The line lies at 90,000,000 x 181/365 = 44,630,136.98 fen on 1 July.
        Assert.True(QuotaFigures.Compute(2026, Plan2026, Certified(44_630_137), Now).OnTrack);
        Assert.Equal(QuotaStatus.OnTrack, QuotaFigures.Compute(2026, Plan2026, Certified(44_630_137), Now).Status);
        var behind = QuotaFigures.Compute(2026, Plan2026, Certified(44_630_136), Now);
        Assert.False(behind.OnTrack);
        Assert.Equal(QuotaStatus.Behind, behind.Status);
    }

    [Fact]
    public void Forecast_projects_the_year_end_at_the_pace_so_far()
    {
        // 45,000,000 x 365 / 181 = 90,745,856.35 -> rounded down
        Assert.Equal(F(90_745_856), QuotaFigures.Compute(2026, Plan2026, Certified(45_000_000), Now).Forecast);
    }

    [Fact]
    public void A_closed_year_forecasts_what_it_got_and_must_have_met_the_target_to_be_on_track()
    {
        var plan2025 = Plan2026 with { Year = 2025 };
        var figures = QuotaFigures.Compute(2025, plan2025, Certified(89_999_999), Now);
        Assert.Equal(1m, figures.YearElapsed);
        Assert.Equal(F(89_999_999), figures.Forecast);
        Assert.False(figures.OnTrack);
        Assert.Equal(0.9999m, figures.Progress); // rounded down: never shows 1 before the target is met
        Assert.Equal(QuotaStatus.Met, QuotaFigures.Compute(2025, plan2025, Certified(90_000_000), Now).Status);
    }

    [Fact]
    public void A_year_not_yet_begun_is_on_track_and_forecasts_nothing_new()
    {
        var figures = QuotaFigures.Compute(2027, Plan2026 with { Year = 2027 }, YearTally.Empty, Now);
        Assert.Equal(0m, figures.YearElapsed);
        Assert.True(figures.OnTrack);
        Assert.Equal(F(0), figures.Forecast);
    }

    [Fact]
    public void The_pace_is_measured_over_at_least_a_day()
    {
        var tenMinutesIn = new DateTimeOffset(2026, 1, 1, 0, 10, 0, Beijing);
        // 1,000 fen over one day (not ten minutes) projects to 365,000 for the year.
        Assert.Equal(F(365_000), QuotaFigures.Compute(2026, Plan2026, Certified(1_000), tenMinutesIn).Forecast);
    }

    [Fact]
    public void A_unit_without_a_canteen_has_no_target_and_says_so()
    {
        var figures = QuotaFigures.Compute(2026, Plan2026 with { HasCanteen = false }, Certified(5_000), Now);

        Assert.False(figures.HasCanteen);
        Assert.Null(figures.Target);
        Assert.Null(figures.Progress);
        Assert.Null(figures.Shortfall);
        Assert.Null(figures.OnTrack);
        Assert.Equal(QuotaStatus.NoCanteen, figures.Status);
        Assert.Equal(F(5_000), figures.Certified);
    }

    [Fact]
    public void Without_a_plan_purchases_still_show_but_there_is_no_target()
    {
        var figures = QuotaFigures.Compute(2026, null, Certified(5_000), Now);
        Assert.False(figures.HasPlan);
        Assert.Null(figures.HasCanteen);
        Assert.Null(figures.Target);
        Assert.Equal(QuotaStatus.NoPlan, figures.Status);
        Assert.Equal(F(5_000), figures.Certified);
    }

    [Fact]
    public void A_zero_target_is_met()
    {
        var figures = QuotaFigures.Compute(2026, Plan2026 with { ReservedRatio = R(0m) }, YearTally.Empty, Now);
        Assert.Equal(F(0), figures.Target);
        Assert.Equal(1m, figures.Progress);
        Assert.Equal(QuotaStatus.Met, figures.Status);
    }
}

public sealed class BuyerQueriesTests
{
    [Fact]
    public void Quotas_are_answered_for_budget_units_only_and_a_union_points_to_its_parent()
    {
        var hospital = Run(Registered("hospital", Unit()), new DeclarePlan("hospital", 2026, F(300_000_000), null, true));
        Assert.Equal(F(90_000_000), Assert.IsType<BuyerReply.Quota>(BuyerQueries.Quota(hospital, 2026, Now)).Figures.Target);

        var union = Assert.IsType<BuyerReply.Rejected>(BuyerQueries.Quota(Registered("union", Union("hospital")), 2026, Now)).Rejection;
        Assert.Contains("'hospital'", union.Message);
        Assert.Equal("buyerId", Assert.IsType<BuyerReply.Rejected>(BuyerQueries.Quota(Registered("firm", Enterprise()), 2026, Now)).Rejection.Field);
        Assert.Equal("year", Assert.IsType<BuyerReply.Rejected>(BuyerQueries.Quota(hospital, 1800, Now)).Rejection.Field);
        Assert.Equal(ShowroomActors.Domain.Common.RejectionCode.NotFound,
            Assert.IsType<BuyerReply.Rejected>(BuyerQueries.Quota(BuyerState.Empty("ghost"), 2026, Now)).Rejection.Code);
    }

    [Fact]
    public void A_statement_needs_a_period_that_ends_after_it_starts() =>
        Assert.Equal("to", Assert.IsType<BuyerReply.Rejected>(
            BuyerQueries.Statement(Registered("firm", Enterprise()), At(2026, 2, 1), At(2026, 1, 1))).Rejection.Field);
}
