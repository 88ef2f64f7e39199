using Akka.Actor;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ShowroomActors.Actors;
using ShowroomActors.Actors.Audit;

namespace ShowroomActors.Host.Health;

/// <summary>
/// The audit part of <c>/health/ready</c>: the streams this node found tampered with and quarantined since it started,
/// and the transparency log's state (<c>log: {size, offset, checkpointSize, problem}</c>; <c>problem</c> when its tables
/// no longer match a checkpoint it signed). Degraded, not unhealthy, while there is either: every other entity still
/// serves correctly, so the node stays ready; the data (<c>audit</c>) is there for monitoring, beside the Error log
/// lines.
/// </summary>
public sealed class AuditCheck(ShowroomSystem showroom) : IHealthCheck
{
    private static readonly TimeSpan LogStatusTimeout = TimeSpan.FromMilliseconds(500);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var quarantined = AuditGuard.Get(showroom.System).Quarantined;
        var log = await LogStatusAsync(cancellationToken);
        var audit = new
        {
            status = quarantined.Count == 0 && log?.Problem is null ? "intact" : "tampering-detected",
            quarantined = quarantined.Select(b => new { persistenceId = b.PersistenceId, firstBrokenSeq = b.FirstBrokenSeq, problem = b.Problem }).ToList(),
            log = log is null ? null : new { size = log.Size, offset = log.Offset, checkpointSize = log.CheckpointSize, problem = log.Problem },
        };
        var data = new Dictionary<string, object> { ["audit"] = audit };
        var problems = quarantined.Select(b => $"{b.PersistenceId} at seq {b.FirstBrokenSeq}").ToList();
        if (problems.Count == 0 && log?.Problem is null) return HealthCheckResult.Healthy("no stream quarantined", data);
        var description = problems.Count == 0 ? "" : $"{problems.Count} stream(s) quarantined: " + string.Join(", ", problems);
        if (log?.Problem is { } problem) description += (description.Length > 0 ? "; " : "") + $"transparency log: {problem}";
        return HealthCheckResult.Degraded(description, data: data);
    }

    /// <summary>The log's status, or null while it is off, starting, or on a node that does not answer in time.</summary>
    private async Task<AuditLogStatus?> LogStatusAsync(CancellationToken cancel)
    {
        if (!showroom.AuditLogSettings.Enabled) return null;
        try
        {
            return await showroom.AuditLog.Ask<AuditLogStatus>(new GetAuditLogStatus(), LogStatusTimeout, cancel);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }
}
