using System.Collections.Immutable;

namespace ShowroomActors.Domain.Buyers;

/// <summary>
/// The reserved ratios in force, per jurisdiction and year, with national defaults (hocon/showroom.conf,
/// <c>showroom.quotas</c>). Lookup for (jurisdiction, year), first match wins:
/// <list type="number">
/// <item>the jurisdiction's entry for that year, else its latest entry for an earlier year (a local rule stays in
/// force until replaced);</item>
/// <item>the national entry for that year, else the latest national entry for an earlier year;</item>
/// <item>none: the plan must give its ratio.</item>
/// </list>
/// A jurisdiction's entries never apply to years before its first entry: those years fall back to the national table.
/// </summary>
public sealed class RatioTable
{
    public RatioTable(
        IReadOnlyDictionary<int, Ratio> national,
        IReadOnlyDictionary<string, IReadOnlyDictionary<int, Ratio>> jurisdictions)
    {
        National = national.ToImmutableSortedDictionary();
        Jurisdictions = jurisdictions.ToImmutableSortedDictionary(j => j.Key, j => j.Value.ToImmutableSortedDictionary(), StringComparer.Ordinal);
    }

    public static RatioTable Empty { get; } = new(new Dictionary<int, Ratio>(), new Dictionary<string, IReadOnlyDictionary<int, Ratio>>());

    public ImmutableSortedDictionary<int, Ratio> National { get; }
    public ImmutableSortedDictionary<string, ImmutableSortedDictionary<int, Ratio>> Jurisdictions { get; }

    /// <summary>The ratio in force and where it came from, or null when the table has none for that year.</summary>
    public ResolvedRatio? Lookup(string? jurisdiction, int year)
    {
        if (jurisdiction is not null && Jurisdictions.TryGetValue(jurisdiction, out var local) && InForce(local, year) is { } localYear)
            return new ResolvedRatio(local[localYear], RatioSources.Jurisdiction(jurisdiction, localYear));
        return InForce(National, year) is { } nationalYear
            ? new ResolvedRatio(National[nationalYear], RatioSources.National(nationalYear))
            : null;
    }

    /// <summary>The year of the entry in force in <paramref name="year"/>: that year's, else the latest earlier one.</summary>
    private static int? InForce(ImmutableSortedDictionary<int, Ratio> entries, int year)
    {
        int? found = null;
        foreach (var entryYear in entries.Keys)
        {
            if (entryYear > year) break;
            found = entryYear;
        }
        return found;
    }
}

/// <summary>A ratio and its source, e.g. <c>jurisdiction:shenzhen-yantian:2020</c>, <c>national:2024</c> or <c>plan</c>.</summary>
public sealed record ResolvedRatio(Ratio Ratio, string Source);

/// <summary>How a plan's ratio source is written (kept in the PlanDeclared event, so replay never re-reads the table).</summary>
public static class RatioSources
{
    /// <summary>The plan gave its own ratio.</summary>
    public const string Plan = "plan";

    public static string Jurisdiction(string jurisdiction, int year) => $"jurisdiction:{jurisdiction}:{year}";

    public static string National(int year) => $"national:{year}";
}
