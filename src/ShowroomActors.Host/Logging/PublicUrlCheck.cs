using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.Logging;

/// <summary>
/// Warns once the host listens when the QR codes and screen links would point at a loopback address
/// (127.0.0.1, localhost, ::1): a phone that scans the code cannot reach it. SHOWROOM_PUBLIC_URL fixes it.
/// </summary>
public sealed class PublicUrlCheck(IHostApplicationLifetime lifetime, PublicUrls urls, ILogger<PublicUrlCheck> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The listening addresses are known only once the server has started.
        lifetime.ApplicationStarted.Register(() =>
        {
            var baseUrl = urls.BaseUrl;
            if (PointsAtLoopback(baseUrl))
                log.LogWarning("QR codes and screen links point at {PublicUrl}, which phones cannot reach; set SHOWROOM_PUBLIC_URL to the address the showroom's network knows this host by (e.g. http://192.168.1.20:5080)", baseUrl);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static bool PointsAtLoopback(Uri url) =>
        url.IsLoopback || string.Equals(url.Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (System.Net.IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));
}
