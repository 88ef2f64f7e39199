using Akka.Actor;
using ShowroomActors.Actors.Entities;

namespace ShowroomActors.Actors.Tests.Entities;

/// <summary>The entities' mailbox: a FIFO queue with unstash at the front, safe for many producers and one consumer.</summary>
public sealed class CompactDequeMessageQueueTests
{
    private static Envelope Message(int n) => new(n, ActorRefs.NoSender);

    private static List<int> Drain(CompactDequeMessageQueue queue)
    {
        var seen = new List<int>();
        while (queue.TryDequeue(out var envelope)) seen.Add((int)envelope.Message);
        return seen;
    }

    [Fact]
    public void Messages_come_out_in_the_order_they_went_in_across_growth_and_wrap_around()
    {
        var queue = new CompactDequeMessageQueue();
        Assert.False(queue.HasMessages);
        Assert.False(queue.TryDequeue(out _));
        var expected = new List<int>();
        var next = 0;
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < 3 + round * 7; i++) { queue.Enqueue(ActorRefs.Nobody, Message(next)); expected.Add(next++); }
            for (var i = 0; i < 2; i++)
            {
                Assert.True(queue.TryDequeue(out var e));
                Assert.Equal(expected[0], (int)e.Message);
                expected.RemoveAt(0);
            }
        }
        Assert.Equal(expected.Count, queue.Count);
        Assert.Equal(expected, Drain(queue));
        Assert.False(queue.HasMessages);
    }

    [Fact]
    public void Unstashed_messages_go_to_the_front_in_the_order_they_are_prepended_last_first()
    {
        var queue = new CompactDequeMessageQueue();
        queue.Enqueue(ActorRefs.Nobody, Message(10));
        queue.Enqueue(ActorRefs.Nobody, Message(11));
        // A stash unstashes its messages by prepending them from the last to the first.
        queue.EnqueueFirst(Message(2));
        queue.EnqueueFirst(Message(1));
        Assert.Equal([1, 2, 10, 11], Drain(queue));
    }

    [Fact]
    public void Many_producers_lose_no_message_and_keep_each_producers_order()
    {
        var queue = new CompactDequeMessageQueue();
        const int producers = 4, each = 20_000;
        var seen = new List<int>();
        var producing = Enumerable.Range(0, producers).Select(p => Task.Run(() =>
        {
            for (var i = 0; i < each; i++) queue.Enqueue(ActorRefs.Nobody, Message(p * each + i));
        })).ToArray();
        while (!Task.WhenAll(producing).IsCompleted || queue.HasMessages)
            while (queue.TryDequeue(out var envelope)) seen.Add((int)envelope.Message);
        Assert.Equal(producers * each, seen.Count);
        for (var p = 0; p < producers; p++)
        {
            var mine = seen.Where(n => n / each == p).ToList();
            Assert.Equal(Enumerable.Range(p * each, each), mine);
        }
    }
}
