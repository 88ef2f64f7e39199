using System.Text.Json.Serialization;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Buyers;

/// <summary>
/// A budget unit's quota for one year as of a given instant: the entity answers <see cref="GetQuota"/> with it, and
/// the quota report computes the same figures from its read model. See <see cref="Compute"/> for the rules.
/// </summary>
public sealed record QuotaFigures(
    int Year,
    bool HasPlan,
    bool? HasCanteen,
    Fen? CanteenFoodBudget,
    Ratio? ReservedRatio,
    string? RatioSource,
    Fen? Target,
    Fen Certified,
    Fen Total,
    decimal? Progress,
    Fen? Shortfall,
    decimal YearElapsed,
    bool? OnTrack,
    Fen Forecast,
    Fen ShowroomFen,
    Fen UnionFen,
    Fen ExternalFen,
    Fen ReversedAfterYearEnd,
    QuotaStatus Status) : IShowroomMessage
{
    /// <summary>Below this much elapsed time the pace is measured over this much, so the first hours of a year do not project absurd totals.</summary>
    public static readonly TimeSpan MinimumPaceWindow = TimeSpan.FromDays(1);

    /// <summary>
    /// The figures of <paramref name="year"/> at <paramref name="now"/>:
    /// target = ratio × canteen food budget rounded up to a whole fen (none without a plan or without a canteen);
    /// progress = certified ÷ target, 4 decimals rounded down (1 when the target is 0);
    /// shortfall = target − certified, at least 0;
    /// onTrack = certified ÷ target ≥ the share of the year gone by (UTC+8 calendar; exact, not rounded);
    /// forecast = certified projected linearly to the year end at the pace so far (the year's certified amount once it is over).
    /// </summary>
    public static QuotaFigures Compute(int year, AnnualPlan? plan, YearTally tally, DateTimeOffset now)
    {
        var (elapsed, length) = QuotaCalendar.Progress(year, now);
        var certified = tally.CertifiedFen;
        var target = plan?.Target;

        decimal? progress = null;
        Fen? shortfall = null;
        bool? onTrack = null;
        if (target is { } t)
        {
            progress = t.Value == 0 ? 1m : Math.Round((decimal)certified.Value / t.Value, 4, MidpointRounding.ToZero);
            shortfall = certified >= t ? Fen.Zero : t - certified;
            onTrack = (Int128)certified.Value * length >= (Int128)t.Value * elapsed;
        }

        var status = (plan, target) switch
        {
            (null, _) => QuotaStatus.NoPlan,
            (_, null) => QuotaStatus.NoCanteen,
            (_, { } required) when certified >= required => QuotaStatus.Met,
            _ when onTrack == true => QuotaStatus.OnTrack,
            _ => QuotaStatus.Behind,
        };

        return new QuotaFigures(
            year,
            plan is not null,
            plan?.HasCanteen,
            plan?.CanteenFoodBudget,
            plan?.ReservedRatio,
            plan?.RatioSource,
            target,
            certified,
            tally.TotalFen,
            progress,
            shortfall,
            Math.Round((decimal)elapsed / length, 4, MidpointRounding.ToZero),
            onTrack,
            ProjectYearEnd(certified, elapsed, length),
            tally.ShowroomFen,
            tally.UnionFen,
            tally.ExternalFen,
            tally.ReversedAfterYearEndFen,
            status);
    }

    private static Fen ProjectYearEnd(Fen certified, long elapsed, long length)
    {
        if (elapsed == 0 || elapsed == length) return certified;
        var window = Math.Max(elapsed, Math.Min(MinimumPaceWindow.Ticks, length));
        var projected = (Int128)certified.Value * length / window;
        return new Fen(projected > long.MaxValue ? long.MaxValue : (long)projected);
    }
}

/// <summary>Where a unit stands for a year.</summary>
public enum QuotaStatus
{
    /// <summary>No plan declared for the year: no target yet.</summary>
    [JsonStringEnumMemberName("no-plan")] NoPlan,
    /// <summary>The unit has no canteen: no target.</summary>
    [JsonStringEnumMemberName("no-canteen")] NoCanteen,
    /// <summary>Certified purchases reached the target.</summary>
    [JsonStringEnumMemberName("met")] Met,
    /// <summary>Not reached yet, but at least in proportion to the share of the year gone by.</summary>
    [JsonStringEnumMemberName("on-track")] OnTrack,
    /// <summary>Behind the share of the year gone by.</summary>
    [JsonStringEnumMemberName("behind")] Behind,
}

/// <summary>The API spelling of <see cref="QuotaStatus"/>.</summary>
public static class QuotaStatuses
{
    public static string ToText(this QuotaStatus status) => status switch
    {
        QuotaStatus.NoPlan => "no-plan",
        QuotaStatus.NoCanteen => "no-canteen",
        QuotaStatus.Met => "met",
        QuotaStatus.OnTrack => "on-track",
        QuotaStatus.Behind => "behind",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
