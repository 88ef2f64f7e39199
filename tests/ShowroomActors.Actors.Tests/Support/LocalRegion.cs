using Akka.Actor;
using Akka.Cluster.Sharding;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Actors.Tests.Support;

/// <summary>
/// A stand-in for a shard region in one test actor system: routes each <see cref="IEntityCommand"/> to a child named
/// by its entity id, creating it on first use, and stops children that ask to passivate.
/// </summary>
public sealed class LocalRegion : ReceiveActor
{
    public LocalRegion(Func<string, Props> props)
    {
        Receive<IEntityCommand>(command =>
        {
            var child = Context.Child(command.EntityId);
            if (child.IsNobody()) child = Context.ActorOf(props(command.EntityId), command.EntityId);
            child.Forward(command);
        });
        Receive<Passivate>(passivate => Sender.Tell(passivate.StopMessage));
    }

    public static Props Props(Func<string, Props> props) => Akka.Actor.Props.Create(() => new LocalRegion(props));
}
