using System.Net;
using Microsoft.Extensions.Configuration;
using ShowroomActors.Actors.Configuration;
using ShowroomActors.Host.Configuration;
using ShowroomActors.Host.Http;
using ShowroomActors.Host.Tests.Shelves;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.Hardening;

/// <summary>Issue 18 item 3: demo keys work only in demo mode and never once a key is configured; short keys stop start-up.</summary>
public sealed class CredentialTests
{
    private static HostSettings From(params (string Name, string Value)[] variables) =>
        HostSettings.From(new ConfigurationBuilder().AddInMemoryCollection(variables.Select(v => KeyValuePair.Create(v.Name, (string?)v.Value))).Build());

    [Fact]
    public void Demo_mode_without_keys_uses_the_demo_keys()
    {
        var settings = From();
        Assert.Equal((true, HostSettings.DemoOperatorKey, HostSettings.DemoAuditorKey), (settings.UsesDemoKeys, settings.OperatorKey, settings.AuditorKey));
    }

    [Fact]
    public void Any_configured_key_turns_every_demo_key_off()
    {
        var settings = From(("SHOWROOM_OPERATOR_KEY", "a-long-operator-key-1"));
        Assert.Equal((false, "a-long-operator-key-1", (string?)null), (settings.UsesDemoKeys, settings.OperatorKey, settings.AuditorKey));
        var keys = new ShowroomKeys(settings, ["demo-device-key-lc-a01"]);
        Assert.Null(keys.RoleOf(HostSettings.DemoAuditorKey));
        Assert.Null(keys.RoleOf(HostSettings.DemoOperatorKey));
        Assert.True(keys.IsRefusedDemoDeviceKey("demo-device-key-lc-a01"));
        Assert.False(keys.IsRefusedDemoDeviceKey("a-device-key-of-its-own"));
        Assert.Equal(ShowroomAuth.OperatorRole, keys.RoleOf("a-long-operator-key-1"));
    }

    [Fact]
    public void Outside_demo_mode_no_key_works_until_one_is_configured()
    {
        var settings = From(("SHOWROOM_DEMO", "off"));
        Assert.Equal((false, (string?)null, (string?)null), (settings.UsesDemoKeys, settings.OperatorKey, settings.AuditorKey));
        Assert.Null(new ShowroomKeys(settings, []).RoleOf(HostSettings.DemoOperatorKey));
    }

    [Theory]
    [InlineData("SHOWROOM_OPERATOR_KEY")]
    [InlineData("SHOWROOM_AUDITOR_KEY")]
    public void A_key_shorter_than_16_characters_is_a_configuration_error_naming_the_variable(string variable)
    {
        var error = Assert.Throws<SettingsException>(() => From((variable, "fifteen-chars!!")));
        Assert.StartsWith(variable, error.Message);
        var sixteen = From((variable, "sixteen-chars!!!"));
        Assert.Equal("sixteen-chars!!!", variable == "SHOWROOM_OPERATOR_KEY" ? sixteen.OperatorKey : sixteen.AuditorKey);
    }

    [Fact]
    public async Task A_short_operator_key_stops_the_host_with_exit_code_2_naming_the_variable()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "showroom-tests", Guid.NewGuid().ToString("N"));
        var (code, output) = await HostProcess.RunToExitAsync(dataDir, new Dictionary<string, string> { ["SHOWROOM_OPERATOR_KEY"] = "short" });
        Assert.Equal(2, code);
        Assert.Contains("SHOWROOM_OPERATOR_KEY", output);
    }

    [Fact]
    public async Task Demo_device_keys_are_refused_on_a_host_that_does_not_use_the_demo_keys()
    {
        await using var showroom = await TestShowroom.StartAsync(extraHocon: ShelfHost.ShortTimings);
        await ShelfHost.BindAsync(showroom, "demo-like", "lc-a01", "demo-device-key-lc-a01", "fuzhu-demo-like");
        var refused = await ShelfHost.PostEventsAsync(showroom, "demo-device-key-lc-a01", ShelfHost.Event("demo-like", "lc-a01", 1, "heartbeat"));
        var problem = await TestShowroom.AssertProblemAsync(refused, 401, "X-Device-Key");
        Assert.Contains("demo mode", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_known_key_without_the_role_is_403_and_no_key_is_401_with_a_bearer_challenge()
    {
        await using var showroom = await TestShowroom.StartAsync();
        await TestShowroom.AssertProblemAsync(await showroom.PostAsync("/api/v1/products", SampleProducts.Fuzhu(), TestShowroom.AuditorKey), 403, "Authorization");
        var anonymous = await showroom.PostAsync("/api/v1/products", SampleProducts.Fuzhu(), key: null);
        await TestShowroom.AssertProblemAsync(anonymous, 401, "Authorization");
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.ToString());
    }
}
