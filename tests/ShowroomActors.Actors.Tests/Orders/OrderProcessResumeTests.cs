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
/// The order's process killed between its steps: a new incarnation recovers from the SQLite journal and finishes
/// what the journal shows unfinished, and the products' idempotent ledger keeps every unit counted once.
/// </summary>
public sealed class OrderProcessResumeTests(ITestOutputHelper output) : SqliteTestKit(output, TestTimeouts.Patient)
{
    private static readonly OrderSettings Fast = new(OrderPolicy.Holding(TimeSpan.FromMinutes(30)), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(300), TimeSpan.FromMinutes(2));
    private static readonly ProductDetails Rice = new("东源丝苗米 5kg", "rice", "东源县", "东源县禾丰水稻种植专业合作社", true,
        "FP44162520200001", new Fen(7800), 5080, "山泉水灌溉的丝苗米。", "合作社吸纳了23户原贫困户。");

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 9, 8, 10, 0, 0, TimeSpan.Zero));

    private IActorRef Order(string orderId, IActorRef products) =>
        Sys.ActorOf(OrderEntity.Props(orderId, new OrderPeers(products, ActorRefs.Nobody, ActorRefs.Nobody), _clock, Fast));

    private void Kill(IActorRef actor)
    {
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
    }

    private static OrderRequest Request(params (string ProductId, int Quantity)[] lines) =>
        new(null, OrderChannel.Web, null, lines.Select(l => new OrderLineRequest(l.ProductId, l.Quantity)).ToList());

    private IActorRef RealProducts(params (string ProductId, int Stock)[] products)
    {
        var region = Sys.ActorOf(LocalRegion.Props(id => ProductEntity.Props(id, _clock, snapshotEvery: 100)));
        foreach (var (productId, stock) in products)
        {
            region.Tell(new RegisterProduct(productId, Rice));
            ExpectMsg<ProductReply.Accepted>();
            region.Tell(new ReceiveStock(productId, stock, "B-1"));
            ExpectMsg<ProductReply.Accepted>();
        }
        return region;
    }

    private ProductView Product(IActorRef region, string productId)
    {
        region.Tell(new GetProduct(productId));
        return ExpectMsg<ProductReply.Accepted>().Product;
    }

    [Fact]
    public void Killed_after_a_product_reserved_but_before_the_order_heard_it_resumes_and_reserves_each_unit_once()
    {
        var products = RealProducts(("rice", 10), ("tea", 10));
        var gate = CreateTestProbe(); // stands between the order and the products, so the test decides what gets through
        var orderId = Guid.CreateVersion7().ToString();
        var order = Order(orderId, gate.Ref);
        order.Tell(new PlaceOrder(orderId, Request(("rice", 2), ("tea", 3))));

        // Both reservations reach the products, but their answers are lost (they go to a bystander), then the order dies.
        var bystander = CreateTestProbe();
        products.Tell(gate.ExpectMsg<ReserveStock>(), bystander.Ref);
        products.Tell(gate.ExpectMsg<ReserveStock>(), bystander.Ref);
        bystander.ExpectMsg<ReservationAnswer>();
        bystander.ExpectMsg<ReservationAnswer>();
        Kill(order);
        Assert.Equal(2, Product(products, "rice").Reserved);

        // The new incarnation finds only the intent in its journal and asks again; the products answer the same entries.
        var resumed = Order(orderId, gate.Ref);
        products.Tell(gate.ExpectMsg<ReserveStock>(), resumed);
        products.Tell(gate.ExpectMsg<ReserveStock>(), resumed);
        resumed.Tell(new PlaceOrder(orderId, Request(("rice", 2), ("tea", 3))));
        var placed = ExpectMsg<OrderReply.Placement>().Result;

        Assert.NotNull(placed.Order);
        Assert.Equal(new Fen(5 * 7800), placed.Order.Total);
        Assert.Equal((10, 2), (Product(products, "rice").OnHand, Product(products, "rice").Reserved));
        Assert.Equal(3, Product(products, "tea").Reserved);
        var journal = JournalReader.Events(Settings, $"order-{orderId}").Select(e => e.Event.GetType()).ToList();
        Assert.Equal([typeof(OrderPlaced), typeof(OrderReserved)], journal);
    }

    [Fact]
    public void Killed_after_rejecting_but_before_releasing_resumes_the_release_and_answers_the_rejection()
    {
        var products = RealProducts(("rice", 10), ("tea", 1));
        var gate = CreateTestProbe();
        var orderId = Guid.CreateVersion7().ToString();
        var order = Order(orderId, gate.Ref);
        order.Tell(new PlaceOrder(orderId, Request(("rice", 4), ("tea", 2))));
        products.Tell(gate.ExpectMsg<ReserveStock>(), order);
        products.Tell(gate.ExpectMsg<ReserveStock>(), order);

        // Tea is short: the order records the rejection and asks both products to release; it dies before any release lands.
        gate.ExpectMsg<ReleaseStock>();
        gate.ExpectMsg<ReleaseStock>();
        Kill(order);
        Assert.Equal(4, Product(products, "rice").Reserved);

        var resumed = Order(orderId, gate.Ref);
        products.Tell(gate.ExpectMsg<ReleaseStock>(), resumed);
        products.Tell(gate.ExpectMsg<ReleaseStock>(), resumed);
        resumed.Tell(new PlaceOrder(orderId, Request(("rice", 4), ("tea", 2))));
        var placed = ExpectMsg<OrderReply.Placement>().Result;

        Assert.Null(placed.Order);
        Assert.Equal(RejectionCode.Conflict, placed.Rejection!.Code);
        Assert.Equal("lines[1].quantity", placed.Rejection.Field);
        Assert.Equal(0, Product(products, "rice").Reserved);
        Assert.Equal(10, Product(products, "rice").Available);
        // A reservation that arrives after the release (a delayed duplicate) is refused, not held forever.
        products.Tell(new ReserveStock("rice", orderId, 4));
        Assert.Equal(RejectionCode.Conflict, ExpectMsg<ReservationRefused>().Rejection.Code);
    }

    [Fact]
    public void An_unanswered_ledger_command_is_sent_again_until_answered()
    {
        var gate = CreateTestProbe();
        var orderId = Guid.CreateVersion7().ToString();
        var order = Order(orderId, gate.Ref);
        order.Tell(new PlaceOrder(orderId, Request(("rice", 1))));

        var first = gate.ExpectMsg<ReserveStock>();
        var again = gate.ExpectMsg<ReserveStock>(); // the first one was "lost"
        Assert.Equal(first, again);
        order.Tell(new ReservationAnswer("rice", orderId, ReservationStatus.Reserved, 1, new Fen(7800), "东源丝苗米 5kg", Certified: true));
        Assert.NotNull(ExpectMsg<OrderReply.Placement>().Result.Order);
        gate.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void An_unpaid_reservation_expires_by_the_clock_and_a_restarted_order_finishes_the_release()
    {
        var gate = CreateTestProbe();
        var orderId = Guid.CreateVersion7().ToString();
        var order = Order(orderId, gate.Ref);
        order.Tell(new PlaceOrder(orderId, Request(("rice", 2))));
        gate.ExpectMsg<ReserveStock>();
        order.Tell(new ReservationAnswer("rice", orderId, ReservationStatus.Reserved, 2, new Fen(7800), "东源丝苗米 5kg", Certified: true));
        Assert.Equal(_clock.GetUtcNow().AddMinutes(30), ExpectMsg<OrderReply.Placement>().Result.Order!.ExpiresAt);

        _clock.Advance(TimeSpan.FromMinutes(29));
        gate.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        _clock.Advance(TimeSpan.FromMinutes(1));
        gate.ExpectMsg<ReleaseStock>(); // the tick noticed; nobody sent the order anything
        Kill(order);

        var resumed = Order(orderId, gate.Ref);
        gate.ExpectMsg<ReleaseStock>();
        resumed.Tell(new ReservationAnswer("rice", orderId, ReservationStatus.Released, 2, new Fen(7800), "东源丝苗米 5kg", Certified: true));
        AwaitAssert(() =>
        {
            resumed.Tell(new GetOrder(orderId));
            var state = ExpectMsg<OrderReply.Viewed>().Order;
            Assert.Equal(LedgerStep.Released, state.Ledger);
            Assert.Equal(OrderStatus.Cancelled, state.Status);
            Assert.Equal("expired", state.CancelReason);
        });
        gate.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void Twenty_five_orders_racing_for_ten_units_at_one_product_get_exactly_ten()
    {
        var products = RealProducts(("rice", 10));
        var buyers = Enumerable.Range(0, 25).Select(_ => CreateTestProbe()).ToList();
        foreach (var (buyer, i) in buyers.Select((b, i) => (b, i)))
            products.Tell(new ReserveStock("rice", $"order-{i}", 1), buyer.Ref);

        var answers = buyers.Select(b => b.ExpectMsg<IStockLedgerReply>()).ToList();
        Assert.Equal(10, answers.OfType<ReservationAnswer>().Count());
        Assert.Equal(15, answers.OfType<ReservationRefused>().Count());
        var rice = Product(products, "rice");
        Assert.Equal((10, 10, 0), (rice.OnHand, rice.Reserved, rice.Available));
    }
}
