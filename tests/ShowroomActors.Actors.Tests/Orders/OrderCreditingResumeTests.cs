using Akka.Actor;
using Akka.TestKit;
using Microsoft.Extensions.Time.Testing;
using ShowroomActors.Actors.Buyers;
using ShowroomActors.Actors.Catalog;
using ShowroomActors.Actors.Orders;
using ShowroomActors.Actors.Tests.Support;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Catalog;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Orders;
using Xunit.Abstractions;

namespace ShowroomActors.Actors.Tests.Orders;

/// <summary>
/// The order's quota updates killed between the payment (or refund) and the buyer account's acknowledgement: a new
/// incarnation recovers the pending update from the order's journal and sends it again, and the account, idempotent by
/// order id, counts it exactly once. A probe stands between the order and the buyer accounts so the test decides what
/// gets through and where the answers go.
/// </summary>
public sealed class OrderCreditingResumeTests(ITestOutputHelper output) : SqliteTestKit(output, TestTimeouts.Patient)
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    // Asks time out after 5 s, far longer than any step of a test, so nothing is resent behind the test's back.
    private static readonly OrderSettings Settings5s = new(OrderPolicy.Holding(TimeSpan.FromMinutes(30)), TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(2));
    private static readonly ProductDetails Rice = new("东源丝苗米 5kg", "rice", "东源县", "东源县禾丰水稻种植专业合作社", true,
        "FP44162520200001", new Fen(7800), 5080, "山泉水灌溉的丝苗米。", "合作社吸纳了23户原贫困户。");
    private static readonly ProductDetails Greens = new("深圳本地菜心 500g", "vegetables", "宝安区", "宝安区福永菜场", false,
        null, new Fen(680), 520, "当天采摘。", "本地供应。");
    private static readonly Fen Total = new(2 * 7800 + 3 * 680);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 10, 0, 0, Beijing));

    private IActorRef Order(string orderId, IActorRef products, IActorRef buyers) =>
        Sys.ActorOf(OrderEntity.Props(orderId, new OrderPeers(products, buyers, ActorRefs.Nobody), _clock, Settings5s));

    private void Kill(IActorRef actor)
    {
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
    }

    private IActorRef Products()
    {
        var region = Sys.ActorOf(LocalRegion.Props(id => ProductEntity.Props(id, _clock, snapshotEvery: 100)));
        foreach (var (productId, details) in new[] { ("rice", Rice), ("greens", Greens) })
        {
            region.Tell(new RegisterProduct(productId, details));
            ExpectMsg<ProductReply.Accepted>();
            region.Tell(new ReceiveStock(productId, 10, "B-1"));
            ExpectMsg<ProductReply.Accepted>();
        }
        return region;
    }

    private IActorRef Buyers()
    {
        var ratios = QuotaSettings.FromConfig(Sys.Settings.Config).Ratios;
        var region = Sys.ActorOf(LocalRegion.Props(id => BuyerEntity.Props(id, _clock, snapshotEvery: 100, ratios)));
        region.Tell(new RegisterBuyer("hospital", new BuyerDetails(BuyerKind.BudgetUnit, "盐田区人民医院", null, "shenzhen-yantian")));
        ExpectMsg<BuyerReply.Account>();
        return region;
    }

    private static OrderRequest Request(string buyerId) =>
        new(buyerId, OrderChannel.Web, null, [new OrderLineRequest("rice", 2), new OrderLineRequest("greens", 3)]);

    /// <summary>Places a hospital order through <paramref name="gate"/> (letting the account check through) and pays it.</summary>
    private IActorRef PlacedAndPaid(string orderId, IActorRef products, IActorRef buyers, TestProbe gate)
    {
        var order = Order(orderId, products, gate.Ref);
        order.Tell(new PlaceOrder(orderId, Request("hospital")));
        buyers.Tell(gate.ExpectMsg<GetCreditTarget>(), gate.LastSender);
        var placed = ExpectMsg<OrderReply.Placement>().Result;
        Assert.Equal(Total, placed.Order!.Total);
        order.Tell(new PayOrder(orderId, Total, "wx-1"));
        Assert.Equal(OrderStatus.Paid, ExpectMsg<OrderReply.Viewed>().Order.Status);
        return order;
    }

    private YearTotals Tally(IActorRef buyers)
    {
        buyers.Tell(new GetBuyer("hospital"));
        return ExpectMsg<BuyerReply.Account>().Buyer.Years.SingleOrDefault(y => y.Year == 2026) ?? new YearTotals(2026, Fen.Zero, Fen.Zero);
    }

    private int BuyerEvents<T>(string orderId) where T : IBuyerEvent =>
        JournalReader.Events(Settings, "buyer-hospital").Select(e => e.Event).OfType<T>().Count(e => e switch
        {
            OrderCredited c => c.OrderId == orderId,
            OrderReversed r => r.OrderId == orderId,
            _ => false,
        });

    private OrderView AwaitSettled(IActorRef order, string orderId)
    {
        OrderView? state = null;
        AwaitAssert(() =>
        {
            order.Tell(new GetOrder(orderId));
            state = ExpectMsg<OrderReply.Viewed>().Order;
            Assert.DoesNotContain(state.QuotaUpdates, u => u.IsPending);
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));
        return state!;
    }

    [Fact]
    public void Killed_after_the_account_credited_but_before_the_order_heard_it_resumes_and_the_credit_counts_once()
    {
        var (products, buyers, gate) = (Products(), Buyers(), CreateTestProbe());
        var orderId = Guid.CreateVersion7().ToString();
        var order = PlacedAndPaid(orderId, products, buyers, gate);

        // The credit reaches the account, which records it, but its acknowledgement is lost; then the order dies.
        var credit = gate.ExpectMsg<CreditOrder>();
        Assert.Equal(new CreditOrder("hospital", orderId, _clock.GetUtcNow(), new Fen(2 * 7800), Total, null), credit);
        var bystander = CreateTestProbe();
        buyers.Tell(credit, bystander.Ref);
        Assert.Equal(OrderCreditStatus.Credited, bystander.ExpectMsg<BuyerReply.CreditAcknowledged>().Ack.Status);
        Kill(order);

        // The new incarnation finds the credit due but unacknowledged in its journal and sends the same command again.
        var resumed = Order(orderId, products, gate.Ref);
        Assert.Equal(credit, gate.ExpectMsg<CreditOrder>());
        buyers.Tell(credit, gate.LastSender);
        var settled = AwaitSettled(resumed, orderId);
        Assert.Equal(OrderCreditStatus.Credited, Assert.Single(settled.QuotaUpdates).Status);
        gate.ExpectNoMsg(TimeSpan.FromMilliseconds(500));

        Assert.Equal(1, BuyerEvents<OrderCredited>(orderId));
        Assert.Equal((new Fen(2 * 7800), Total), (Tally(buyers).Certified, Tally(buyers).Total));
        var journal = JournalReader.Events(Settings, $"order-{orderId}").Select(e => e.Event.GetType()).ToList();
        Assert.Equal([typeof(OrderPlaced), typeof(OrderReserved), typeof(OrderPaid), typeof(OrderQuotaCreditDue), typeof(OrderQuotaAcknowledged)], journal);

        // The refund's reversal, lost and the order killed again, is also taken out exactly once.
        resumed.Tell(new RefundOrder(orderId, "缺货"));
        ExpectMsg<OrderReply.Viewed>();
        var reversal = gate.ExpectMsg<ReverseOrder>();
        buyers.Tell(reversal, bystander.Ref);
        Assert.Equal(OrderCreditStatus.Reversed, bystander.ExpectMsg<BuyerReply.CreditAcknowledged>().Ack.Status);
        Kill(resumed);
        var third = Order(orderId, products, gate.Ref);
        Assert.Equal(reversal, gate.ExpectMsg<ReverseOrder>());
        buyers.Tell(reversal, gate.LastSender);
        AwaitSettled(third, orderId);
        Assert.Equal(1, BuyerEvents<OrderReversed>(orderId));
        Assert.Equal((Fen.Zero, Fen.Zero), (Tally(buyers).Certified, Tally(buyers).Total));
    }

    [Fact]
    public void Killed_before_the_credit_reached_the_account_resumes_and_credits_once()
    {
        var (products, buyers, gate) = (Products(), Buyers(), CreateTestProbe());
        var orderId = Guid.CreateVersion7().ToString();
        var order = PlacedAndPaid(orderId, products, buyers, gate);
        gate.ExpectMsg<CreditOrder>(); // lost on the way
        Kill(order);

        var resumed = Order(orderId, products, gate.Ref);
        buyers.Tell(gate.ExpectMsg<CreditOrder>(), gate.LastSender);
        AwaitSettled(resumed, orderId);
        Assert.Equal(1, BuyerEvents<OrderCredited>(orderId));
        Assert.Equal(new Fen(2 * 7800), Tally(buyers).Certified);
    }

    [Fact]
    public void An_unknown_buyer_declines_the_order_and_no_product_is_ever_asked()
    {
        var buyers = Buyers();
        var products = CreateTestProbe();
        var orderId = Guid.CreateVersion7().ToString();
        var order = Order(orderId, products.Ref, buyers);

        order.Tell(new PlaceOrder(orderId, Request("no-such-unit")));

        var declined = ExpectMsg<OrderReply.Placement>().Result;
        Assert.Null(declined.Order);
        Assert.Equal((RejectionCode.Unprocessable, "buyerId"), (declined.Rejection!.Code, declined.Rejection.Field));
        products.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        Assert.Equal([typeof(OrderPlaced), typeof(OrderDeclined)],
            JournalReader.Events(Settings, $"order-{orderId}").Select(e => e.Event.GetType()));

        // The same placement again (a retry, after a restart too) answers the same, still asking no product.
        Kill(order);
        var again = Order(orderId, products.Ref, buyers);
        again.Tell(new PlaceOrder(orderId, Request("no-such-unit")));
        Assert.Equal(declined, ExpectMsg<OrderReply.Placement>().Result);
        products.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }
}
