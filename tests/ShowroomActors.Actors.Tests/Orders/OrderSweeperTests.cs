using Akka.Actor;
using Akka.TestKit;
using Microsoft.Extensions.Time.Testing;
using ShowroomActors.Actors.Catalog;
using ShowroomActors.Actors.Orders;
using ShowroomActors.Actors.Tests.Support;
using ShowroomActors.Domain.Catalog;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Orders;
using Xunit.Abstractions;

namespace ShowroomActors.Actors.Tests.Orders;

/// <summary>
/// Nothing remembers orders in their shard: the sweeper, following the order tag, wakes an order that lost its
/// incarnation mid-process and an unpaid order at its deadline, and forgets orders that finished.
/// </summary>
public sealed class OrderSweeperTests(ITestOutputHelper output) : SqliteTestKit(output, """
    akka.test.single-expect-default = 10s
    akka.persistence.query.journal.sql.refresh-interval = 50ms
    akka.persistence.query.journal.sql.journal-sequence-retrieval.query-delay = 50ms
    """)
{
    private static readonly OrderSettings Orders = new(OrderPolicy.Holding(TimeSpan.FromMinutes(30)), TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(2));
    private static readonly OrderSweeperSettings Sweeper = OrderSweeperSettings.Default with
    {
        Grace = TimeSpan.FromSeconds(10),
        SweepEvery = TimeSpan.FromMilliseconds(100),
        BatchWindow = TimeSpan.FromMilliseconds(20),
    };
    private static readonly ProductDetails Rice = new("东源丝苗米 5kg", "rice", "东源县", "东源县禾丰水稻种植专业合作社", true,
        "FP44162520200001", new Fen(7800), 5080, "山泉水灌溉的丝苗米。", "合作社吸纳了23户原贫困户。");

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 9, 8, 10, 0, 0, TimeSpan.Zero));

    private IActorRef Products()
    {
        var region = Sys.ActorOf(LocalRegion.Props(id => ProductEntity.Props(id, _clock, snapshotEvery: 100)));
        region.Tell(new RegisterProduct("rice", Rice));
        ExpectMsg<ProductReply.Accepted>();
        region.Tell(new ReceiveStock("rice", 10, "B-1"));
        ExpectMsg<ProductReply.Accepted>();
        return region;
    }

    private ProductView Product(IActorRef products)
    {
        products.Tell(new GetProduct("rice"));
        return ExpectMsg<ProductReply.Accepted>().Product;
    }

    private static OrderPeers Peers(IActorRef products) => new(products, ActorRefs.Nobody, ActorRefs.Nobody);

    private static OrderRequest TwoRice => new(null, OrderChannel.Web, null, [new OrderLineRequest("rice", 2)]);

    [Fact]
    public void An_order_that_lost_its_incarnation_mid_reservation_is_woken_and_an_unpaid_one_expires_at_its_deadline()
    {
        var products = Products();
        var gate = CreateTestProbe();
        var orderId = Guid.CreateVersion7().ToString();

        // The order records its intent and asks the product, then its node "crashes" before the answer.
        var lost = Sys.ActorOf(OrderEntity.Props(orderId, Peers(gate.Ref), _clock, Orders));
        lost.Tell(new PlaceOrder(orderId, TwoRice));
        gate.ExpectMsg<ReserveStock>();
        Watch(lost);
        Sys.Stop(lost);
        ExpectTerminated(lost);

        // Nothing else knows about the order but the journal; the sweeper wakes it once the grace has passed.
        var orders = Sys.ActorOf(LocalRegion.Props(id => OrderEntity.Props(id, Peers(gate.Ref), _clock, Orders)));
        var store = new OrderWorkStore(Settings);
        Sys.ActorOf(OrderSweeper.Props(store, orders, Sweeper, _clock));
        AwaitAssert(() => Assert.Equal([orderId], store.DueAsync(_clock.GetUtcNow() + TimeSpan.FromSeconds(11), 10, CancellationToken.None).Result),
            TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50));
        gate.ExpectNoMsg(TimeSpan.FromMilliseconds(300)); // within the grace it might still be running: left alone
        _clock.Advance(TimeSpan.FromSeconds(11));
        products.Tell(gate.ExpectMsg<ReserveStock>(), gate.LastSender);
        AwaitAssert(() =>
        {
            orders.Tell(new GetOrder(orderId));
            Assert.Equal(OrderStatus.Reserved, ExpectMsg<OrderReply.Viewed>().Order.Status);
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));
        Assert.Equal(2, Product(products).Reserved);

        // Unpaid, it is due again at its deadline (it may have passivated by then): woken, it expires and releases.
        AwaitAssert(() => Assert.Empty(store.DueAsync(_clock.GetUtcNow(), 10, CancellationToken.None).Result),
            TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50));
        _clock.Advance(TimeSpan.FromMinutes(31));
        products.Tell(gate.ExpectMsg<ReleaseStock>(TimeSpan.FromSeconds(10)), gate.LastSender);
        AwaitAssert(() => Assert.Equal(0, Product(products).Reserved), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));

        // Finished (released, nothing pending): the sweeper forgets it.
        AwaitAssert(() => Assert.Empty(store.DueAsync(_clock.GetUtcNow().AddYears(1), 10, CancellationToken.None).Result),
            TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task The_read_model_resumes_after_its_offset_and_rebuilds_when_the_offset_is_gone()
    {
        var store = new OrderWorkStore(Settings);
        var at = _clock.GetUtcNow();
        var none = CancellationToken.None;
        Assert.Equal(0, await store.StartAsync(none));
        Assert.Equal(7, await store.ApplyAsync([(6, new OrderPlaced("o-1", TwoRice, at)), (7, null)], Sweeper.Grace, at, none));
        Assert.Equal(["o-1"], await store.DueAsync(at + Sweeper.Grace, 10, none));
        Assert.Empty(await store.DueAsync(at + Sweeper.Grace - TimeSpan.FromSeconds(1), 10, none));
        Assert.Equal(7, await store.StartAsync(none));

        await store.ApplyAsync([(8, new OrderDeclined("o-1", Rejection.Unprocessable("no such buyer", "buyerId"), at))], Sweeper.Grace, at, none);
        Assert.Empty(await store.DueAsync(at.AddYears(1), 10, none));

        await store.ApplyAsync([(9, new OrderPlaced("o-2", TwoRice, at))], Sweeper.Grace, at, none);
        await using (var connection = await ShowroomActors.Actors.Persistence.JournalStore.OpenAsync(Settings, none))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "DELETE FROM projection_offsets WHERE projection_id = 'order-work'";
            await command.ExecuteNonQueryAsync(none);
        }
        Assert.Equal(0, await store.StartAsync(none)); // rebuilt from the journal's start: rows cleared
        Assert.Empty(await store.DueAsync(at.AddYears(1), 10, none));
    }
}
