using ShowroomActors.Domain.Common;

namespace ShowroomActors.Actors.Persistence;

/// <summary>A snapshot: the entity's state plus the last hash of its chain, so the chain continues after recovery.</summary>
public sealed record EntitySnapshot<TState>(TState State, string LastHash) : IShowroomMessage;
