using Akka.Serialization;
using ShowroomActors.Actors.Orders;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Actors.Serialization;
using ShowroomActors.Actors.Tests.Support;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Catalog;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Orders;
using Xunit.Abstractions;

namespace ShowroomActors.Actors.Tests.Serialization;

/// <summary>Every order, idempotency and stock-ledger type survives our serializer, events inside their hash chain.</summary>
public sealed class OrderMessagesRoundTripTests(ITestOutputHelper output) : SqliteTestKit(output, TestTimeouts.Patient)
{
    private const string OrderId = "0198f0c2-7a1b-7c3d-8e4f-000000000042";
    private static readonly DateTimeOffset At = new(2026, 9, 8, 10, 0, 0, TimeSpan.Zero);
    private static readonly OrderRequest Request = new("yantian-hospital", OrderChannel.Qr, "A-01",
        [new OrderLineRequest("dongyuan-simiao-rice-5kg", 2), new OrderLineRequest("lingyun-tea", 1)]);
    private static readonly PricedLine[] Priced = [new("dongyuan-simiao-rice-5kg", "东源丝苗米 5kg", 2, new Fen(7800))];
    private static readonly ReservedLine[] Reserved = [new("dongyuan-simiao-rice-5kg", "东源丝苗米 5kg", 2, new Fen(7800), Certified: true)];
    private static readonly CreditTarget Union = new("hospital-union", BuyerKind.TradeUnion, "yantian-hospital", "hospital-union");
    private static readonly Rejection Short = Rejection.Conflict("Only 1 of '凌云白毫茶' available; 2 requested.", "lines[1].quantity");
    private static readonly OrderPlacementResult Placed = new(OrderId, new OrderSummary(OrderId, OrderStatus.Reserved, new Fen(15600), At.AddMinutes(30), Priced), null);

    private static OrderState SampleOrder()
    {
        var state = OrderState.Empty(OrderId);
        IOrderEvent[] events =
        [
            new OrderPlaced(OrderId, Request, At),
            new OrderReserved(OrderId, Reserved, new Fen(15600), At.AddMinutes(30), Union, At),
            new OrderPaid(OrderId, new Fen(15600), "wx-1", At),
            new OrderQuotaCreditDue(OrderId, "yantian-hospital", "hospital-union", new Fen(15600), new Fen(15600), At),
        ];
        return events.Aggregate(state, OrderState.Apply);
    }

    public static IEnumerable<object> Samples =>
    [
        new OrderPlaced(OrderId, Request, At),
        new OrderReserved(OrderId, Reserved, new Fen(15600), At.AddMinutes(30), Union, At),
        new OrderReserved(OrderId, Reserved, new Fen(15600), At.AddMinutes(30), null, At),
        new OrderRejected(OrderId, Short, At),
        new OrderDeclined(OrderId, Rejection.Unprocessable("Buyer account 'x' is not registered.", "buyerId"), At),
        new OrderPaid(OrderId, new Fen(15600), "wx-1", At),
        new OrderShipped(OrderId, "SF123", At),
        new OrderStockCommitted(OrderId, At),
        new OrderDelivered(OrderId, At),
        new OrderInspected(OrderId, "44031234-0001", At),
        new OrderCancelled(OrderId, "买家取消", At),
        new OrderExpired(OrderId, At, At),
        new OrderRefunded(OrderId, new Fen(15600), null, At),
        new OrderReservationsReleased(OrderId, At),
        new OrderQuotaCreditDue(OrderId, "yantian-hospital", null, new Fen(7800), new Fen(15600), At),
        new OrderQuotaReversalDue(OrderId, "yantian-hospital", At),
        new OrderQuotaAcknowledged(OrderId, QuotaUpdateKind.Credit, "yantian-hospital", OrderCreditStatus.ClosedUncredited, At),
        new OrderQuotaRefused(OrderId, QuotaUpdateKind.Reversal, "yantian-hospital", Short, At),
        new PlaceOrder(OrderId, Request),
        new GetOrder(OrderId),
        new ResumeOrder(OrderId),
        new GetOrderSweeperStatus(),
        new OrderSweeperStatus(1234, 5),
        new PayOrder(OrderId, new Fen(15600), "wx-1"),
        new ShipOrder(OrderId, null),
        new DeliverOrder(OrderId),
        new InspectOrder(OrderId, "44031234-0001"),
        new CancelOrder(OrderId, "买家取消"),
        new RefundOrder(OrderId, null),
        SampleOrder(),
        Placed,
        new OrderPlacementResult(OrderId, null, Short),
        new OrderReply.Viewed(OrderView.Of(SampleOrder())),
        new OrderReply.Placement(new OrderPlacementResult(OrderId, null, Short)),
        new OrderReply.Rejected(Short),
        new EntitySnapshot<OrderState>(SampleOrder(), new string('a', 64)),
        new IdempotencyKeyClaimed(new string('b', 64), new string('c', 64), OrderId, At),
        new IdempotencyKeyAnswered(new string('b', 64), Placed, At),
        new PlaceOrderOnce(new string('b', 64), Request.Fingerprint(), OrderId, Request),
        new EntitySnapshot<IdempotencyState>(new IdempotencyState { KeyHash = new string('b', 64), OrderId = OrderId, Answer = Placed }, new string('a', 64)),
        new IdempotencyState { KeyHash = new string('b', 64), OrderId = OrderId, Answer = Placed },
        new StockReserved("lingyun-tea", OrderId, 2, new Fen(12800), 2),
        new ReservationCommitted("lingyun-tea", OrderId, 2, 8, 0),
        new ReservationReleased("lingyun-tea", OrderId, 2, 0),
        new ReserveStock("lingyun-tea", OrderId, 2),
        new CommitStock("lingyun-tea", OrderId),
        new ReleaseStock("lingyun-tea", OrderId),
        new ReservationAnswer("lingyun-tea", OrderId, ReservationStatus.Reserved, 2, new Fen(12800), "凌云白毫茶", true),
        new ReservationRefused("lingyun-tea", OrderId, Short),
    ];

    [Fact]
    public void Every_sample_round_trips_through_the_serializer_to_the_same_json()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(OrderPlaced));
        Assert.IsType<ShowroomSerializer>(serializer);
        foreach (var sample in Samples)
        {
            var type = MessageRegistry.Find(sample.GetType());
            var json = type.ToJson(sample);
            object stored = type.IsEvent ? EventChain.Seal("order-x", 7, At, (IDomainEvent)sample, new string('0', 64)) : sample;
            var back = serializer.FromBinary(serializer.ToBinary(stored), serializer.Manifest(stored));
            if (back is ChainedEvent chained)
            {
                Assert.True(chained.HashMatches("order-x", 7, ShowroomActors.Domain.Audit.HashChain.Genesis), type.Manifest);
                back = chained.Event;
            }
            Assert.Equal(sample.GetType(), back.GetType());
            Assert.Equal(System.Text.Encoding.UTF8.GetString(json), System.Text.Encoding.UTF8.GetString(type.ToJson(back)));
        }
    }

    /// <summary><c>order.reserved.v1</c> exactly as written before orders recorded certification and the credit target.</summary>
    private const string ReservedV1Payload =
        "{\"orderId\":\"" + OrderId + "\",\"lines\":[{\"productId\":\"dongyuan-simiao-rice-5kg\",\"name\":\"东源丝苗米 5kg\",\"quantity\":2," +
        "\"unitPrice\":7800,\"lineTotal\":15600}],\"total\":15600,\"expiresAt\":\"2026-09-08T10:30:00+00:00\",\"at\":\"2026-09-08T10:00:00+00:00\"}";

    [Fact]
    public void A_stored_v1_reservation_reads_as_the_current_event_uncertified_and_without_a_credit_target()
    {
        var v1 = MessageRegistry.Find("order.reserved.v1");
        var old = (OrderReservedV1)System.Text.Json.JsonSerializer.Deserialize(ReservedV1Payload, v1.TypeInfo)!;
        var stored = EventChain.Seal("order-x", 2, At, old, new string('0', 64));
        Assert.Equal("order.reserved.v1", stored.Manifest);
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(OrderPlaced));

        var back = (ChainedEvent)serializer.FromBinary(serializer.ToBinary(stored), "order.reserved.v1");

        Assert.True(back.HashMatches("order-x", 2, new string('0', 64))); // the stored bytes stay as they were
        var reserved = Assert.IsType<OrderReserved>(back.Event);
        Assert.Equal([new ReservedLine("dongyuan-simiao-rice-5kg", "东源丝苗米 5kg", 2, new Fen(7800), Certified: false)], reserved.Lines);
        Assert.Null(reserved.CreditTarget);
        Assert.Equal((new Fen(15600), At.AddMinutes(30)), (reserved.Total, reserved.ExpiresAt));
        Assert.Equal("order.reserved.v2", MessageRegistry.Find(typeof(OrderReserved)).Manifest); // new reservations are written as v2
    }

    [Fact]
    public void Every_order_idempotency_and_ledger_manifest_has_a_sample_and_chinese_stays_readable()
    {
        var covered = Samples.Select(s => MessageRegistry.Find(s.GetType()).Manifest).Append("order.reserved.v1").ToHashSet();
        var mine = MessageRegistry.Types.Select(t => t.Manifest)
            .Where(m => m.StartsWith("order.", StringComparison.Ordinal) || m.StartsWith("idempotency.", StringComparison.Ordinal)
                || m.Contains("reserv", StringComparison.Ordinal) || m.Contains("commit", StringComparison.Ordinal) || m.Contains("release", StringComparison.Ordinal));
        Assert.All(mine, m => Assert.Contains(m, covered));
        var json = System.Text.Encoding.UTF8.GetString(MessageRegistry.Find(typeof(OrderCancelled)).ToJson(new OrderCancelled(OrderId, "买家取消", At)));
        Assert.Contains("买家取消", json);
    }
}
