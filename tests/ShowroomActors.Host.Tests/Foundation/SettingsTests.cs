using Microsoft.Extensions.Configuration;
using ShowroomActors.Actors.Configuration;
using ShowroomActors.Host.Configuration;

namespace ShowroomActors.Host.Tests.Foundation;

/// <summary>The SHOWROOM_* variables read through IConfiguration: their meaning, and a message naming the variable for a bad value.</summary>
public sealed class SettingsTests
{
    private static IConfiguration Configuration(params (string Name, string Value)[] variables) =>
        new ConfigurationBuilder().AddInMemoryCollection(variables.Select(v => KeyValuePair.Create(v.Name, (string?)v.Value))).Build();

    [Fact]
    public void The_actors_settings_come_from_their_variables()
    {
        var settings = ShowroomSettings.From(Configuration(("SHOWROOM_DATA_DIR", "/tmp/showroom-x"), ("SHOWROOM_AKKA_PORT", "4211"),
            ("SHOWROOM_SEEDS", "akka.tcp://showroom@10.0.0.1:4053, akka.tcp://showroom@10.0.0.2:4053"), ("SHOWROOM_POSTGRES", "  ")));
        Assert.Equal(("/tmp/showroom-x", 4211, 2, false), (settings.DataDir, settings.AkkaPort, settings.Seeds.Count, settings.UsesPostgres));
        Assert.Equal(ShowroomSettings.DefaultAkkaPort, ShowroomSettings.From(Configuration()).AkkaPort);
    }

    [Theory]
    [InlineData("SHOWROOM_AKKA_PORT", "70000")]
    [InlineData("SHOWROOM_AKKA_PORT", "port")]
    [InlineData("SHOWROOM_SEEDS", "tcp://elsewhere:1")]
    public void A_bad_actors_value_names_its_variable(string name, string value) =>
        Assert.StartsWith(name, Assert.Throws<SettingsException>(() => ShowroomSettings.From(Configuration((name, value)))).Message);

    [Theory]
    [InlineData("SHOWROOM_DEMO", "maybe")]
    [InlineData("SHOWROOM_PUBLIC_URL", "ftp://showroom")]
    public void A_bad_host_value_names_its_variable(string name, string value) =>
        Assert.StartsWith(name, Assert.Throws<SettingsException>(() => HostSettings.From(Configuration((name, value)))).Message);

    [Fact]
    public void The_public_url_and_demo_switch_are_read()
    {
        var host = HostSettings.From(Configuration(("SHOWROOM_DEMO", "off"), ("SHOWROOM_PUBLIC_URL", "https://showroom.example/")));
        Assert.Equal((false, "https://showroom.example/"), (host.Demo, host.PublicBaseUrl!.ToString()));
    }
}
