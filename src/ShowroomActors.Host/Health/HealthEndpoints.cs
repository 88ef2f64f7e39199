using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ShowroomActors.Application;

namespace ShowroomActors.Host.Health;

/// <summary>
/// <c>/health/live</c>: the process answers. <c>/health/ready</c>: every <see cref="ReadinessChecks.Ready"/> check is
/// healthy, else 503. The answer: <c>{status: ready|not-ready, member, journal, reason?, checks: {name: {status, description}}}</c>,
/// <c>reason</c> naming every failing check.
/// </summary>
public static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = (http, _) => http.Response.WriteAsJsonAsync(new { status = "live" }, ApiJson.Options),
        });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadinessChecks.Ready),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = WriteReadinessAsync,
        });
    }

    private static Task WriteReadinessAsync(HttpContext http, HealthReport report)
    {
        var failing = report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).ToList();
        var body = new Dictionary<string, object?>
        {
            ["status"] = report.Status == HealthStatus.Unhealthy ? "not-ready" : "ready",
            ["member"] = Data(report, "member"),
            ["journal"] = Data(report, "journal"),
            ["audit"] = Data(report, "audit"),
        };
        if (failing.Count > 0) body["reason"] = string.Join("; ", failing.Select(e => $"{e.Key}: {e.Value.Description}"));
        body["checks"] = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString().ToLowerInvariant(), description = e.Value.Description });
        http.Response.ContentType = "application/json; charset=utf-8";
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, ApiJson.Options));
    }

    private static object? Data(HealthReport report, string key) =>
        report.Entries.Values.SelectMany(e => e.Data).FirstOrDefault(d => d.Key == key).Value;
}
