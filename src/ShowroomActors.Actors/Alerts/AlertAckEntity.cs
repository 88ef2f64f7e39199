using Akka.Actor;
using ShowroomActors.Actors.Entities;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Domain.Alerts;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Actors.Alerts;

/// <summary>
/// An alert's acknowledgement entity (<c>alert-{alertId}</c>): persists the operator's acknowledgement once (tagged
/// <c>health</c>, so the alert book takes it in journal order with the facts) and answers it again for a repeat. Logic in
/// <see cref="AlertAckState"/>. Its stream holds one event at most: no snapshots.
/// </summary>
public sealed class AlertAckEntity : ShowroomEntity<AlertAckState, IAlertEvent>
{
    public AlertAckEntity(string alertId, TimeProvider clock)
        : base(EntityTypes.Alert, alertId, AlertAckState.Empty(alertId), clock, snapshotEvery: 0)
    {
    }

    public static Props Props(string alertId, TimeProvider clock) =>
        EntityMailbox.For(Akka.Actor.Props.Create(() => new AlertAckEntity(alertId, clock)));

    protected override bool OnCommand(object message)
    {
        if (message is not IAlertCommand command) return false;
        Handle(AlertAckState.Decide(State, command, Clock.GetUtcNow()), state => new AlertReply.Acknowledged(state.AlertId, state.By!, state.At!.Value));
        return true;
    }

    protected override AlertAckState Apply(AlertAckState state, IAlertEvent evt) => AlertAckState.Apply(state, evt);

    protected override IEntityReply Refusal(Rejection rejection) => new AlertReply.Rejected(rejection);
}
