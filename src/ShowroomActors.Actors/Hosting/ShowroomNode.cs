using Akka.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ShowroomActors.Actors.Configuration;

namespace ShowroomActors.Actors.Hosting;

/// <summary>
/// A node without the web host, for cluster tests and benchmarks: a generic host with <see cref="ShowroomActorsHosting.AddShowroomActors"/>.
/// Several may run in one process (port 0). Disposing it stops the host, which leaves the cluster gracefully.
/// </summary>
public sealed class ShowroomNode : IAsyncDisposable
{
    private readonly IHost _host;

    private ShowroomNode(IHost host)
    {
        _host = host;
        Showroom = host.Services.GetRequiredService<ShowroomSystem>();
    }

    public ShowroomSystem Showroom { get; }

    public IServiceProvider Services => _host.Services;

    public static async Task<ShowroomNode> StartAsync(ShowroomSettings settings, TimeProvider clock, Config? extraConfig = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddShowroomActors(settings, clock, extraConfig);
        var host = builder.Build();
        await host.StartAsync();
        return new ShowroomNode(host);
    }

    /// <summary>Stops the host: CoordinatedShutdown leaves the cluster and hands the shards off.</summary>
    public Task StopAsync() => _host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
