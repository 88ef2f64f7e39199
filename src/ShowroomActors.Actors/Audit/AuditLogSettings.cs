using Akka.Configuration;

namespace ShowroomActors.Actors.Audit;

/// <summary>showroom.audit: the transparency log's switch, checkpoint interval, origin and stream settings.</summary>
public sealed record AuditLogSettings(
    bool Enabled,
    TimeSpan CheckpointEvery,
    string Origin,
    int BatchSize,
    TimeSpan BatchWindow,
    TimeSpan OnDemandWait,
    TimeSpan MinBackoff,
    TimeSpan MaxBackoff)
{
    public static AuditLogSettings From(Config config)
    {
        var origin = config.GetString("showroom.audit.origin", "showroom.localhost/audit");
        if (string.IsNullOrWhiteSpace(origin) || origin.Any(c => char.IsWhiteSpace(c) || c == '+'))
            throw new ArgumentException($"showroom.audit.origin must be non-empty, without spaces or '+': '{origin}'");
        return new AuditLogSettings(
            config.GetBoolean("showroom.audit.log", true),
            config.GetTimeSpan("showroom.audit.checkpoint-every", TimeSpan.FromMinutes(1)),
            origin,
            config.GetInt("showroom.audit.log-batch-size", 1000),
            config.GetTimeSpan("showroom.audit.log-batch-window", TimeSpan.FromMilliseconds(200)),
            config.GetTimeSpan("showroom.audit.on-demand-wait", TimeSpan.FromSeconds(10)),
            config.GetTimeSpan("showroom.audit.log-restart-min-backoff", TimeSpan.FromMilliseconds(500)),
            config.GetTimeSpan("showroom.audit.log-restart-max-backoff", TimeSpan.FromSeconds(30)));
    }
}
