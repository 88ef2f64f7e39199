using ShowroomActors.Host.Configuration;

namespace ShowroomActors.Host.Mqtt;

public static class MqttServices
{
    /// <summary>The MQTT side of the host: the embedded server, or the client of an external broker, or neither (<see cref="MqttSettings"/>).</summary>
    public static IServiceCollection AddShowroomMqtt(this IServiceCollection services, MqttSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton<DeviceInbox>();
        if (settings.Port is not null)
        {
            services.AddSingleton<EmbeddedMqttServer>();
            services.AddHostedService(s => s.GetRequiredService<EmbeddedMqttServer>());
        }
        else if (settings.Broker is not null)
        {
            services.AddSingleton<BrokerMqttClient>();
            services.AddHostedService(s => s.GetRequiredService<BrokerMqttClient>());
        }
        return services;
    }
}
