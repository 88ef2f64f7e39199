using ShowroomActors.Domain.Common;

namespace ShowroomActors.Actors.Alerts;

/// <summary>
/// Published on the <see cref="Topic"/> DistributedPubSub topic once the alert book committed changes up to journal
/// ordering <c>Change</c>: alert streams on any node read the rows changed after what they sent.
/// </summary>
public sealed record AlertBookChanged(long Change) : IShowroomMessage
{
    public const string Topic = "alerts";
}
