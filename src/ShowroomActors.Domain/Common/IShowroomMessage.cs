namespace ShowroomActors.Domain.Common;

/// <summary>
/// Marker for every type that is persisted or crosses nodes: events, snapshots, commands and replies.
/// The Akka serialization binding targets this interface, so none of these types ever falls back to
/// Akka's Newtonsoft default (which embeds .NET type names and breaks replay on a rename).
/// </summary>
public interface IShowroomMessage;

/// <summary>A fact recorded in an entity's journal. Always persisted inside a hash-chained envelope.</summary>
public interface IDomainEvent : IShowroomMessage;

/// <summary>A command addressed to one entity; <see cref="EntityId"/> routes it through sharding.</summary>
public interface IEntityCommand : IShowroomMessage
{
    string EntityId { get; }
}
