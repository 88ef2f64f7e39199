using System.Text.Json;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Common;
using static ShowroomActors.Domain.Tests.Buyers.BuyerFixtures;

namespace ShowroomActors.Domain.Tests.Buyers;

public sealed class RatioTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("0.1", 1000)]
    [InlineData("0.15", 1500)]
    [InlineData("0.30", 3000)]
    [InlineData("0.1234", 1234)]
    [InlineData("1", 10000)]
    public void Decimals_become_exact_basis_points(string text, int basisPoints)
    {
        Assert.Null(Ratio.TryFrom(decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture), "reservedRatio", out var ratio));
        Assert.Equal(basisPoints, ratio.BasisPoints);
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("1.0001")]
    [InlineData("30")]
    [InlineData("0.12345")]
    public void Ratios_outside_0_to_1_or_finer_than_a_basis_point_are_rejected(string text) =>
        Assert.Equal("reservedRatio", Ratio.TryFrom(decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture), "reservedRatio", out _)?.Field);

    [Theory]
    [InlineData(240_000_000, 3000, 72_000_000)]
    [InlineData(1, 3000, 1)]        // 0.3 fen rounds up: the target is never below the ratio
    [InlineData(10, 1500, 2)]       // 1.5 fen -> 2
    [InlineData(100, 1000, 10)]     // exact
    [InlineData(0, 3000, 0)]
    [InlineData(BuyerState.MaxBudgetFen, 10000, BuyerState.MaxBudgetFen)]
    public void A_share_is_rounded_up_to_a_whole_fen(long amount, int basisPoints, long share) =>
        Assert.Equal(F(share), Ratio.FromBasisPoints(basisPoints).ShareOfRoundedUp(F(amount)));

    [Fact]
    public void Json_carries_the_exact_decimal()
    {
        var json = JsonSerializer.Serialize(R(0.15m));
        Assert.Equal("0.15", json);
        Assert.Equal(R(0.15m), JsonSerializer.Deserialize<Ratio>(json));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Ratio>("1.5"));
    }
}

public sealed class RatioTableTests
{
    [Fact]
    public void A_jurisdiction_entry_for_the_exact_year_wins() =>
        Assert.Equal(new ResolvedRatio(R(0.30m), "jurisdiction:shenzhen-yantian:2020"), Ratios.Lookup("shenzhen-yantian", 2020));

    [Fact]
    public void A_jurisdiction_entry_stays_in_force_in_later_years_even_when_the_national_rule_changes() =>
        Assert.Equal(new ResolvedRatio(R(0.30m), "jurisdiction:shenzhen-yantian:2020"), Ratios.Lookup("shenzhen-yantian", 2026));

    [Fact]
    public void Before_its_first_entry_a_jurisdiction_falls_back_to_the_national_table() =>
        Assert.Equal(new ResolvedRatio(R(0.10m), "national:2021"), new RatioTable(
            Ratios.National,
            new Dictionary<string, IReadOnlyDictionary<int, Ratio>> { ["futian"] = new Dictionary<int, Ratio> { [2025] = R(0.2m) } })
            .Lookup("futian", 2023));

    [Theory]
    [InlineData(2021, 1000, "national:2021")]
    [InlineData(2022, 1000, "national:2021")]
    [InlineData(2024, 1500, "national:2024")]
    [InlineData(2030, 1500, "national:2024")]
    public void National_ratios_apply_by_exact_year_else_the_latest_earlier_year(int year, int basisPoints, string source)
    {
        Assert.Equal(new ResolvedRatio(Ratio.FromBasisPoints(basisPoints), source), Ratios.Lookup(null, year));
        Assert.Equal(new ResolvedRatio(Ratio.FromBasisPoints(basisPoints), source), Ratios.Lookup("unknown-place", year));
    }

    [Fact]
    public void Years_before_any_entry_have_no_ratio() => Assert.Null(Ratios.Lookup(null, 2019));
}
