using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using ShowroomActors.Actors.Configuration;
using ShowroomActors.Host.Configuration;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.Mqtt;

/// <summary>SHOWROOM_MQTT_*: their meaning, a message naming the variable for a bad value, and a busy port.</summary>
public sealed class MqttSettingsTests
{
    private static IConfiguration Configuration(params (string Name, string Value)[] variables) =>
        new ConfigurationBuilder().AddInMemoryCollection(variables.Select(v => KeyValuePair.Create(v.Name, (string?)v.Value))).Build();

    [Fact]
    public void The_embedded_server_is_on_1883_by_default_off_on_request_and_a_broker_replaces_it()
    {
        Assert.Equal(1883, MqttSettings.From(Configuration()).Port);
        Assert.Null(MqttSettings.From(Configuration(("SHOWROOM_MQTT_PORT", "off"))).Port);
        Assert.Equal(1884, MqttSettings.From(Configuration(("SHOWROOM_MQTT_PORT", "1884"))).Port);
        var broker = MqttSettings.From(Configuration(("SHOWROOM_MQTT_BROKER", "mqtt://broker.local:1999"), ("SHOWROOM_MQTT_USERNAME", "showroom-node")));
        Assert.Equal((null, "broker.local", 1999, "showroom-node"), (broker.Port, broker.Broker!.Host, broker.Broker.Port, broker.BrokerUsername));
    }

    [Theory]
    [InlineData("SHOWROOM_MQTT_PORT", "0")]
    [InlineData("SHOWROOM_MQTT_PORT", "70000")]
    [InlineData("SHOWROOM_MQTT_PORT", "mqtt")]
    [InlineData("SHOWROOM_MQTT_BROKER", "http://broker:1883")]
    [InlineData("SHOWROOM_MQTT_BROKER", "broker:1883")]
    [InlineData("SHOWROOM_MQTT_GROUP", "a/b")]
    public void A_bad_value_names_its_variable(string name, string value) =>
        Assert.StartsWith(name, Assert.Throws<SettingsException>(() => MqttSettings.From(Configuration((name, value)))).Message);

    [Fact]
    public async Task A_busy_port_stops_start_up_with_a_message_naming_the_variable()
    {
        using var taken = new TcpListener(IPAddress.Any, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var failed = await Assert.ThrowsAsync<SettingsException>(() => TestShowroom.StartAsync(mqtt: MqttSettings.Embedded(port)));

        Assert.StartsWith($"SHOWROOM_MQTT_PORT {port}", failed.Message);
    }

    [Fact]
    public async Task An_invalid_port_exits_with_code_2()
    {
        var (exitCode, output) = await HostProcess.RunToExitAsync(Path.Combine(Path.GetTempPath(), "showroom-tests", Guid.NewGuid().ToString("N")),
            new Dictionary<string, string> { ["SHOWROOM_MQTT_PORT"] = "eighteen" });
        Assert.Equal(2, exitCode);
        Assert.Contains("SHOWROOM_MQTT_PORT", output);
    }
}
