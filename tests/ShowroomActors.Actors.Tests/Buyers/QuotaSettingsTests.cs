using Akka.Configuration;
using ShowroomActors.Actors.Buyers;
using ShowroomActors.Actors.Configuration;
using ShowroomActors.Domain.Buyers;

namespace ShowroomActors.Actors.Tests.Buyers;

public sealed class QuotaSettingsTests
{
    private static Config Shipped => ShowroomConfig.Load("showroom.conf");

    [Fact]
    public void The_shipped_table_holds_the_national_and_yantian_ratios_exactly()
    {
        var settings = QuotaSettings.FromConfig(Shipped);

        Assert.Equal(CreditMoment.Payment, settings.CreditAt);
        Assert.Equal(new Dictionary<int, int> { [2021] = 1000, [2024] = 1500 }, settings.Ratios.National.ToDictionary(e => e.Key, e => e.Value.BasisPoints));
        Assert.Equal(3000, settings.Ratios.Jurisdictions["shenzhen-yantian"][2020].BasisPoints);
        Assert.Equal("jurisdiction:shenzhen-yantian:2020", settings.Ratios.Lookup("shenzhen-yantian", 2026)!.Source);
        Assert.Equal("national:2024", settings.Ratios.Lookup("shenzhen-futian", 2026)!.Source);
    }

    [Fact]
    public void Overrides_choose_inspection_and_add_jurisdictions()
    {
        var settings = QuotaSettings.FromConfig(ConfigurationFactory.ParseString("""
            showroom.quotas.credit-at = inspection
            showroom.quotas.jurisdictions.guangzhou { "2022" = 0.2, "2025" = 0.25 }
            """).WithFallback(Shipped));

        Assert.Equal(CreditMoment.Inspection, settings.CreditAt);
        Assert.Equal(2000, settings.Ratios.Lookup("guangzhou", 2023)!.Ratio.BasisPoints);
        Assert.Equal(3000, settings.Ratios.Lookup("shenzhen-yantian", 2023)!.Ratio.BasisPoints);
    }

    [Theory]
    [InlineData("showroom.quotas.credit-at = delivery", "credit-at")]
    [InlineData("showroom.quotas.default-ratios { \"2021\" = 1.5 }", "default-ratios.2021")]
    [InlineData("showroom.quotas.default-ratios { \"2021\" = 0.12345 }", "default-ratios.2021")]
    [InlineData("showroom.quotas.jurisdictions.x { \"twenty\" = 0.1 }", "jurisdictions.x")]
    public void Bad_values_fail_start_up_naming_the_key(string hocon, string key)
    {
        var error = Assert.Throws<SettingsException>(() => QuotaSettings.FromConfig(ConfigurationFactory.ParseString(hocon).WithFallback(Shipped)));
        Assert.Contains(key, error.Message);
    }
}
