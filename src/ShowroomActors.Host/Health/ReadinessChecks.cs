using Microsoft.Extensions.Diagnostics.HealthChecks;
using ShowroomActors.Actors;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.Health;

/// <summary>
/// The checks <c>/health/ready</c> runs (ASP.NET health checks tagged <see cref="Ready"/>): this node is an Up cluster
/// member, and its journal answers and has not kept failing writes. Another part of the host adds its own reason not to
/// be ready the same way: <c>AddHealthChecks().AddCheck&lt;T&gt;(name, tags: [ReadinessChecks.Ready])</c>.
/// </summary>
public static class ReadinessChecks
{
    public const string Ready = "ready";

    public static IServiceCollection AddShowroomHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<ClusterMemberCheck>("cluster", tags: [Ready])
            .AddCheck<JournalCheck>("journal", tags: [Ready])
            .AddCheck<AuditCheck>("audit", tags: [Ready]);
        return services;
    }
}

/// <summary>Healthy while this node is an Up member of the cluster.</summary>
public sealed class ClusterMemberCheck(ShowroomSystem showroom) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = showroom.Cluster.SelfMember.Status.ToString();
        var data = new Dictionary<string, object> { ["member"] = status };
        return Task.FromResult(showroom.IsUp
            ? HealthCheckResult.Healthy($"member {status}", data)
            : HealthCheckResult.Unhealthy($"this node is {status}, not an Up cluster member", data: data));
    }
}

/// <summary>
/// Healthy while the journal's database answers a query and writes have not been failing, without one success, for
/// longer than <c>showroom.http.journal-failing-after</c> (a full disk, a lock held for seconds: the database answers,
/// yet nothing can be recorded).
/// </summary>
public sealed class JournalCheck(ShowroomSystem showroom, HttpSettings http, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!await JournalStore.IsReachableAsync(showroom.Settings, TimeSpan.FromSeconds(2)))
            return HealthCheckResult.Unhealthy("the journal's database does not answer", data: Journal("unreachable"));
        if (showroom.JournalGate.Failing is { } failing && clock.GetUtcNow() - failing.Since >= http.JournalFailingAfter)
        {
            var seconds = (clock.GetUtcNow() - failing.Since).TotalSeconds;
            return HealthCheckResult.Unhealthy(
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"journal writes failing for {seconds:0} s: {failing.Reason}"),
                data: Journal("failing"));
        }
        return HealthCheckResult.Healthy("reachable", Journal("reachable"));
    }

    private static Dictionary<string, object> Journal(string state) => new() { ["journal"] = state };
}
