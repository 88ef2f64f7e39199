using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace ShowroomActors.Actors.Entities;

/// <summary>
/// The mailbox of the persistent entities (<c>showroom.entity-mailbox</c> in hocon/showroom.conf): a small deque
/// behind a lock that holds no array while empty and grows from four envelopes. Akka's default for persistent actors
/// (an unbounded deque over a <c>ConcurrentQueue</c>) gives every actor a 32-envelope segment, ~1.1 KB, whether it ever
/// holds more than one message or not; a showroom keeps tens of thousands of slots, products and buyers alive, each
/// with a message in its mailbox now and then. Persistent actors stash (they need <c>EnqueueFirst</c>), which this
/// deque provides.
/// </summary>
public sealed class EntityMailbox : MailboxType, IProducesMessageQueue<CompactDequeMessageQueue>
{
    /// <summary>The mailbox's configuration path, for <c>Props.WithMailbox</c>.</summary>
    public const string Path = "showroom.entity-mailbox";

    public EntityMailbox(Settings settings, Config config) : base(settings, config)
    {
    }

    public override IMessageQueue Create(IActorRef owner, ActorSystem system) => new CompactDequeMessageQueue();

    /// <summary><paramref name="props"/> with this mailbox.</summary>
    public static Props For(Props props) => props.WithMailbox(Path);
}

/// <summary>
/// A multi-producer, single-consumer deque for one actor: enqueue from any thread, dequeue and <see cref="EnqueueFirst"/>
/// (unstash) on the actor's own turn. A ring buffer guarded by one lock; <see cref="HasMessages"/> and
/// <see cref="Count"/> read a volatile count without it. The buffer is dropped when a burst leaves it empty and large,
/// so an actor that once queued many messages does not keep the space.
/// </summary>
public sealed class CompactDequeMessageQueue : IMessageQueue, IUnboundedDequeBasedMessageQueueSemantics
{
    private const int InitialCapacity = 4;
    private const int KeepCapacity = 16;

    private readonly Lock _lock = new();
    private Envelope[]? _buffer;
    private int _head;
    private volatile int _count;

    public bool HasMessages => _count > 0;

    public int Count => _count;

    public void Enqueue(IActorRef receiver, Envelope envelope)
    {
        lock (_lock)
        {
            var buffer = Room();
            buffer[(_head + _count) % buffer.Length] = envelope;
            _count++;
        }
    }

    public void EnqueueFirst(Envelope envelope)
    {
        lock (_lock)
        {
            var buffer = Room();
            _head = (_head - 1 + buffer.Length) % buffer.Length;
            buffer[_head] = envelope;
            _count++;
        }
    }

    public bool TryDequeue(out Envelope envelope)
    {
        if (_count == 0)
        {
            envelope = default;
            return false;
        }
        lock (_lock)
        {
            if (_count == 0 || _buffer is not { } buffer)
            {
                envelope = default;
                return false;
            }
            envelope = buffer[_head];
            buffer[_head] = default; // no reference to a handled message (or its sender) stays behind
            _head = (_head + 1) % buffer.Length;
            _count--;
            if (_count == 0)
            {
                _head = 0;
                if (buffer.Length > KeepCapacity) _buffer = null;
            }
            return true;
        }
    }

    public void CleanUp(IActorRef owner, IMessageQueue deadletters)
    {
        while (TryDequeue(out var envelope)) deadletters.Enqueue(owner, envelope);
    }

    /// <summary>The buffer, with room for one more envelope (grown, keeping order, when full). Under the lock.</summary>
    private Envelope[] Room()
    {
        if (_buffer is null) return _buffer = new Envelope[InitialCapacity];
        if (_count < _buffer.Length) return _buffer;
        var grown = new Envelope[_buffer.Length * 2];
        for (var i = 0; i < _count; i++) grown[i] = _buffer[(_head + i) % _buffer.Length];
        _head = 0;
        return _buffer = grown;
    }
}
