using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using ShowroomActors.Domain.Shelves;

namespace ShowroomActors.Actors.Shelves;

/// <summary>
/// One screen connection's ear on a slot's display topic: subscribes on start, passes every display update into a
/// channel the HTTP response reads, and is stopped when the connection goes away. <c>subscribed</c> completes once the
/// mediator confirmed, so the caller can read the current state without missing a change in between. The mediator
/// watches its subscribers and drops one that stopped; an explicit <c>Unsubscribe</c> from <c>PostStop</c> would only
/// make the topic send its acknowledgement to the stopped actor, a dead letter for every closed screen.
/// </summary>
public sealed class DisplaySubscriber : ReceiveActor
{
    private readonly IActorRef _mediator;
    private readonly string _topic;
    private readonly ChannelWriter<SlotDisplay> _out;

    public DisplaySubscriber(IActorRef mediator, string slotId, ChannelWriter<SlotDisplay> output, TaskCompletionSource subscribed)
    {
        _mediator = mediator;
        _topic = DisplayTopics.For(slotId);
        _out = output;
        Receive<SubscribeAck>(_ => subscribed.TrySetResult());
        Receive<SlotDisplay>(display => _out.TryWrite(display));
    }

    public static Props Props(IActorRef mediator, string slotId, ChannelWriter<SlotDisplay> output, TaskCompletionSource subscribed) =>
        Akka.Actor.Props.Create(() => new DisplaySubscriber(mediator, slotId, output, subscribed));

    protected override void PreStart() => _mediator.Tell(new Subscribe(_topic, Self));

    protected override void PostStop() => _out.TryComplete();
}
