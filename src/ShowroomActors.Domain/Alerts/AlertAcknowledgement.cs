using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Alerts;

/// <summary>A command for one alert's acknowledgement entity (<c>alert-{alertId}</c>).</summary>
public interface IAlertCommand : IEntityCommand
{
    string AlertId { get; }
    string IEntityCommand.EntityId => AlertId;
}

/// <summary>
/// An operator acknowledges the alert (<c>By</c>: <c>api</c> or <c>console</c>). Acknowledging again is a harmless
/// repeat answered with the first acknowledgement. The caller checks that the alert exists (in the alert book) first.
/// </summary>
public sealed record AcknowledgeAlert(string AlertId, string By) : IAlertCommand;

/// <summary>An event in an alert's journal (<c>alert-{alertId}</c>).</summary>
public interface IAlertEvent : IDomainEvent
{
    string AlertId { get; }
}

/// <summary>An operator acknowledged the alert. Written as <c>alert.acknowledged.v1</c>.</summary>
public sealed record AlertAcknowledged(string AlertId, string By, DateTimeOffset At) : IAlertEvent;

/// <summary>The acknowledgement entity's answer: when and through what the alert was (first) acknowledged, or why not.</summary>
public abstract record AlertReply : IEntityReply
{
    private AlertReply()
    {
    }

    public Rejection? RejectionOrNull() => (this as Rejected)?.Rejection;

    public sealed record Acknowledged(string AlertId, string By, DateTimeOffset At) : AlertReply;

    public sealed record Rejected(Rejection Rejection) : AlertReply;
}

/// <summary>An alert's acknowledgement: none yet, or the first one. Pure Decide/Apply.</summary>
public sealed record AlertAckState(string AlertId, string? By = null, DateTimeOffset? At = null) : IShowroomMessage
{
    public static readonly IReadOnlyList<string> Channels = ["api", "console"];

    public static AlertAckState Empty(string alertId) => new(alertId);

    public static Decision<IAlertEvent> Decide(AlertAckState state, IAlertCommand command, DateTimeOffset now) => command switch
    {
        AcknowledgeAlert c when Ids.Check(c.AlertId, "alertId") is { } bad => bad,
        AcknowledgeAlert c when !Channels.Contains(c.By) => Rejection.Invalid("by", "'by' must be api or console."),
        AcknowledgeAlert when state.At is not null => Decision<IAlertEvent>.Nothing(),
        AcknowledgeAlert c => Decision<IAlertEvent>.Accept(new AlertAcknowledged(c.AlertId, c.By, now)),
        _ => Rejection.Invalid("command", $"An alert does not decide {command.GetType().Name}."),
    };

    public static AlertAckState Apply(AlertAckState state, IAlertEvent e) => e switch
    {
        AlertAcknowledged a => state with { By = a.By, At = a.At },
        _ => state,
    };
}
