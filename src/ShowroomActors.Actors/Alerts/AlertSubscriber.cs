using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;

namespace ShowroomActors.Actors.Alerts;

/// <summary>
/// One alert stream's ear on the <see cref="AlertBookChanged.Topic"/> topic: subscribes on start, passes each change
/// notice into a channel the HTTP response reads, and is stopped when the connection goes away (the mediator drops a
/// stopped subscriber by itself). <c>subscribed</c> completes once the mediator confirmed.
/// </summary>
public sealed class AlertSubscriber : ReceiveActor
{
    private readonly IActorRef _mediator;
    private readonly ChannelWriter<long> _out;

    public AlertSubscriber(IActorRef mediator, ChannelWriter<long> output, TaskCompletionSource subscribed)
    {
        _mediator = mediator;
        _out = output;
        Receive<SubscribeAck>(_ => subscribed.TrySetResult());
        Receive<AlertBookChanged>(changed => _out.TryWrite(changed.Change));
    }

    public static Props Props(IActorRef mediator, ChannelWriter<long> output, TaskCompletionSource subscribed) =>
        Akka.Actor.Props.Create(() => new AlertSubscriber(mediator, output, subscribed));

    protected override void PreStart() => _mediator.Tell(new Subscribe(AlertBookChanged.Topic, Self));

    protected override void PostStop() => _out.TryComplete();
}
