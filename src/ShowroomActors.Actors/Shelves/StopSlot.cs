using ShowroomActors.Domain.Common;

namespace ShowroomActors.Actors.Shelves;

/// <summary>
/// How sharding stops a slot entity (its hand-off stop message: passivation, rebalancing, shutdown) instead of a
/// PoisonPill, so the slot summarises its folded readings before it stops.
/// </summary>
public sealed record StopSlot : IShowroomMessage
{
    public static readonly StopSlot Instance = new();
}
