using System.Data.Common;
using ShowroomActors.Domain.Alerts;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Application.Alerts;

/// <summary>
/// The alert feed: alerts by state from the alert book (a projection of the journal; it lags the facts by well under
/// a second), one alert, and an operator's acknowledgement, persisted as an event of the alert's own entity before it
/// is answered. Acknowledging again answers the first acknowledgement.
/// </summary>
public sealed class AlertUseCases(ActorGateway actors)
{
    public const int DefaultPage = 100;

    public async Task<Outcome<IReadOnlyList<AlertView>>> ListAsync(AlertState? state, string? slotId, int skip, int take, CancellationToken cancel)
    {
        if (slotId is not null && Ids.Check(slotId, "slotId") is { } badSlot) return badSlot;
        try
        {
            return Outcome<IReadOnlyList<AlertView>>.Of(await actors.Showroom.AlertBook.ListAsync(state, slotId, skip, take, cancel));
        }
        catch (DbException e)
        {
            return Unreadable(e);
        }
    }

    public async Task<Outcome<AlertView>> GetAsync(string alertId, CancellationToken cancel)
    {
        if (!Ids.IsValid(alertId)) return NoSuchAlert(alertId);
        try
        {
            return await actors.Showroom.AlertBook.GetAsync(alertId, cancel) is { } alert ? alert : NoSuchAlert(alertId);
        }
        catch (DbException e)
        {
            return Unreadable(e);
        }
    }

    /// <summary>
    /// Acknowledges an alert the book knows (<paramref name="by"/>: <c>api</c> or <c>console</c>). Answers the alert
    /// with the acknowledgement as persisted, which the book shows within its lag.
    /// </summary>
    public async Task<Outcome<AlertView>> AcknowledgeAsync(string alertId, string by, CancellationToken cancel)
    {
        var found = await GetAsync(alertId, cancel);
        if (!found.IsAccepted) return found;
        var reply = await actors.AskAsync(new AcknowledgeAlert(alertId, by), cancel);
        return reply switch
        {
            AlertReply.Acknowledged ack => found.Value with
            {
                State = found.Value.State == AlertState.Resolved ? AlertState.Resolved : AlertState.Acknowledged,
                // As the book keeps it (milliseconds), so this answer and later reads agree.
                AcknowledgedAt = DateTimeOffset.FromUnixTimeMilliseconds(ack.At.ToUnixTimeMilliseconds()),
                AcknowledgedBy = ack.By,
            },
            AlertReply.Rejected rejected => rejected.Rejection,
            _ => Rejection.Unavailable("The alert answered unexpectedly; retry."),
        };
    }

    public static Rejection NoSuchAlert(string alertId) => Rejection.NotFound($"No alert '{alertId}'.", "alertId");

    private static Rejection Unreadable(DbException e) => Rejection.Unavailable($"The alert book could not be read ({e.Message}); retry.");
}
