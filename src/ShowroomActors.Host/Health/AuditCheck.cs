using Microsoft.Extensions.Diagnostics.HealthChecks;
using ShowroomActors.Actors;
using ShowroomActors.Actors.Audit;

namespace ShowroomActors.Host.Health;

/// <summary>
/// The audit part of <c>/health/ready</c>: the streams this node found tampered with and quarantined since it started.
/// Degraded, not unhealthy, while there are any: every other entity still serves correctly, so the node stays ready;
/// the list (data <c>audit</c>) is there for monitoring, beside the Error log line each quarantine writes.
/// </summary>
public sealed class AuditCheck(ShowroomSystem showroom) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var quarantined = AuditGuard.Get(showroom.System).Quarantined;
        var audit = new
        {
            status = quarantined.Count == 0 ? "intact" : "tampering-detected",
            quarantined = quarantined.Select(b => new { persistenceId = b.PersistenceId, firstBrokenSeq = b.FirstBrokenSeq, problem = b.Problem }).ToList(),
        };
        var data = new Dictionary<string, object> { ["audit"] = audit };
        return Task.FromResult(quarantined.Count == 0
            ? HealthCheckResult.Healthy("no stream quarantined", data)
            : HealthCheckResult.Degraded(
                $"{quarantined.Count} stream(s) quarantined: " + string.Join(", ", quarantined.Select(b => $"{b.PersistenceId} at seq {b.FirstBrokenSeq}")), data: data));
    }
}
