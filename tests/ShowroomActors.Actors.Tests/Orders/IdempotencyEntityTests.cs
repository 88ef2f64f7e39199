using Akka.Actor;
using Microsoft.Extensions.Time.Testing;
using ShowroomActors.Actors.Orders;
using ShowroomActors.Actors.Tests.Support;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Orders;
using Xunit.Abstractions;

namespace ShowroomActors.Actors.Tests.Orders;

public sealed class IdempotencyEntityTests(ITestOutputHelper output) : SqliteTestKit(output, TestTimeouts.Patient)
{
    private static readonly OrderSettings Fast = new(OrderPolicy.Holding(TimeSpan.FromMinutes(30)), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(300), TimeSpan.FromMinutes(2));
    private static readonly OrderRequest Request = new("yantian-hospital", OrderChannel.Web, null, [new OrderLineRequest("rice", 2)]);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 9, 8, 10, 0, 0, TimeSpan.Zero));

    private IActorRef Key(string keyHash, IActorRef orders) => Sys.ActorOf(IdempotencyEntity.Props(keyHash, orders, _clock, Fast));

    [Fact]
    public void Killed_after_claiming_the_key_a_retry_places_the_same_order_and_later_retries_replay_its_answer()
    {
        var orders = CreateTestProbe();
        var keyHash = IdempotencyKey.Hash("k-1");
        var first = Key(keyHash, orders.Ref);
        first.Tell(new PlaceOrderOnce(keyHash, Request.Fingerprint(), "0198f0c2-0000-7000-8000-000000000001", Request));
        Assert.Equal("0198f0c2-0000-7000-8000-000000000001", orders.ExpectMsg<PlaceOrder>().OrderId);
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        // The retry brings a new candidate id, but the key already allocated one: the same order is placed again.
        var second = Key(keyHash, orders.Ref);
        second.Tell(new PlaceOrderOnce(keyHash, Request.Fingerprint(), "0198f0c2-0000-7000-8000-000000000002", Request));
        var place = orders.ExpectMsg<PlaceOrder>();
        Assert.Equal("0198f0c2-0000-7000-8000-000000000001", place.OrderId);
        var answer = new OrderPlacementResult(place.OrderId, null, Rejection.Conflict("Only 1 left.", "lines[0].quantity"));
        orders.Reply(new OrderReply.Placement(answer));
        Assert.Equal(answer, ExpectMsg<OrderReply.Placement>().Result);

        second.Tell(new PlaceOrderOnce(keyHash, Request.Fingerprint(), "0198f0c2-0000-7000-8000-000000000003", Request));
        Assert.Equal(answer, ExpectMsg<OrderReply.Placement>().Result);
        orders.ExpectNoMsg(TimeSpan.FromMilliseconds(400));

        var other = Request with { BuyerId = "someone-else" };
        second.Tell(new PlaceOrderOnce(keyHash, other.Fingerprint(), "0198f0c2-0000-7000-8000-000000000004", other));
        var refused = ExpectMsg<OrderReply.Rejected>().Rejection;
        Assert.Equal(RejectionCode.Unprocessable, refused.Code);
        Assert.Equal(IdempotencyKey.Header, refused.Field);
        // Only the claim is recorded: the answer lives in the order's journal.
        Assert.Single(JournalReader.Events(Settings, $"idempotency-{keyHash}"));

        // A later incarnation of the key asks its order for the settled answer again.
        Watch(second);
        Sys.Stop(second);
        ExpectTerminated(second);
        var third = Key(keyHash, orders.Ref);
        third.Tell(new PlaceOrderOnce(keyHash, Request.Fingerprint(), "0198f0c2-0000-7000-8000-000000000005", Request));
        Assert.Equal("0198f0c2-0000-7000-8000-000000000001", orders.ExpectMsg<PlaceOrder>().OrderId);
        orders.Reply(new OrderReply.Placement(answer));
        Assert.Equal(answer, ExpectMsg<OrderReply.Placement>().Result);
    }
}
