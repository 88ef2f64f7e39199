using OpenTelemetry.Metrics;
using ShowroomActors.Actors.Metrics;
using ShowroomActors.Application.Orders;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.Metrics;

/// <summary>
/// <c>GET /metrics</c>: OpenTelemetry metrics in the Prometheus text format: the showroom's own meter
/// (<see cref="ShowroomMeter"/>: sensor readings, lift-to-screen, journal writes, orders by status, quota credits) and
/// ASP.NET Core's request metrics. It needs the auditor or the operator key (Prometheus sends it as a bearer token):
/// the figures are business figures (orders, credited spend), which the showroom shows only to those roles.
/// It is not part of the API document (it is not JSON, and its shape is Prometheus's).
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static IServiceCollection AddShowroomMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ShowroomMeter.Name)
            .AddAspNetCoreInstrumentation()
            .AddPrometheusExporter());
        return services;
    }

    public static void MapShowroomMetrics(this WebApplication app)
    {
        // The orders gauge lives as long as the host: created now, so the first scrape already has it.
        app.Services.GetRequiredService<OrderMetrics>();
        app.MapPrometheusScrapingEndpoint(Path).RequireAuditor().ExcludeFromDescription();
    }
}
