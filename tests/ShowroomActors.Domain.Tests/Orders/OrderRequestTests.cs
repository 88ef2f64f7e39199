using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Orders;

namespace ShowroomActors.Domain.Tests.Orders;

public sealed class OrderRequestTests
{
    private static OrderRequest Web(params (string ProductId, int Quantity)[] lines) =>
        new(null, OrderChannel.Web, null, lines.Select(l => new OrderLineRequest(l.ProductId, l.Quantity)).ToList());

    [Theory]
    [InlineData(0, "lines[1].quantity")]
    [InlineData(-1, "lines[1].quantity")]
    [InlineData(1000, "lines[1].quantity")]
    [InlineData(int.MaxValue, "lines[1].quantity")]
    public void Quantities_outside_1_to_999_are_refused_naming_the_line(int quantity, string field) =>
        Assert.Equal(field, Web(("rice", 1), ("tea", quantity)).Validate()?.Field);

    [Fact]
    public void Lines_must_exist_be_few_and_name_each_product_once()
    {
        Assert.Equal("lines", Web().Validate()?.Field);
        Assert.Equal("lines", Web(Enumerable.Range(0, 21).Select(i => ($"p{i}", 1)).ToArray()).Validate()?.Field);
        Assert.Equal("lines[2].productId", Web(("rice", 1), ("tea", 1), ("rice", 2)).Validate()?.Field);
        Assert.Equal("lines[0].productId", Web(("", 1)).Validate()?.Field);
        Assert.Null(Web(("rice", 999), ("tea", 1)).Validate());
    }

    [Fact]
    public void Buyer_and_slot_ids_follow_the_id_rules_and_qr_orders_name_their_slot()
    {
        Assert.Equal("buyerId", (Web(("rice", 1)) with { BuyerId = "has space" }).Validate()?.Field);
        Assert.Equal("slotId", (Web(("rice", 1)) with { SlotId = "a/b" }).Validate()?.Field);
        Assert.Equal("slotId", (Web(("rice", 1)) with { Channel = OrderChannel.Qr }).Validate()?.Field);
        Assert.Null((Web(("rice", 1)) with { Channel = OrderChannel.Qr, SlotId = "A-01", BuyerId = "yantian-hospital" }).Validate());
    }

    [Fact]
    public void The_fingerprint_depends_on_meaning_only()
    {
        var a = Web(("rice", 1), ("tea", 2));
        Assert.Equal(a.Fingerprint(), Web(("rice", 1), ("tea", 2)).Fingerprint());
        Assert.NotEqual(a.Fingerprint(), Web(("rice", 1), ("tea", 3)).Fingerprint());
        Assert.NotEqual(a.Fingerprint(), Web(("tea", 2), ("rice", 1)).Fingerprint());
        Assert.NotEqual(a.Fingerprint(), (a with { BuyerId = "yantian-hospital" }).Fingerprint());
        Assert.NotEqual(a.Fingerprint(), (a with { Channel = OrderChannel.Qr, SlotId = "A-01" }).Fingerprint());
        Assert.Equal(64, a.Fingerprint().Length);
    }

    [Fact]
    public void Idempotency_keys_are_required_visible_ascii_and_stored_only_as_a_hash()
    {
        Assert.Equal(IdempotencyKey.Header, IdempotencyKey.Check(null)?.Field);
        Assert.Equal(IdempotencyKey.Header, IdempotencyKey.Check("")?.Field);
        Assert.Equal(IdempotencyKey.Header, IdempotencyKey.Check("has space")?.Field);
        Assert.Equal(IdempotencyKey.Header, IdempotencyKey.Check(new string('k', 256))?.Field);
        Assert.Equal(RejectionCode.Invalid, IdempotencyKey.Check("订单")?.Code);
        Assert.Null(IdempotencyKey.Check("5f0c3e8e-3b7a-4d0e-9a53-2f7a1c9e8b10"));
        Assert.Equal(IdempotencyKey.Hash("k"), IdempotencyKey.Hash("k"));
        Assert.Matches("^[0-9a-f]{64}$", IdempotencyKey.Hash("k"));
    }

    [Fact]
    public void A_key_is_claimed_once_replays_its_answer_and_refuses_another_request()
    {
        var request = Web(("rice", 1));
        var now = new DateTimeOffset(2026, 9, 8, 10, 0, 0, TimeSpan.Zero);
        var state = IdempotencyState.Empty("h");
        var claim = IdempotencyState.Decide(state, new PlaceOrderOnce("h", request.Fingerprint(), "o1", request), now);
        state = claim.Events.Aggregate(state, IdempotencyState.Apply);
        Assert.Equal("o1", state.OrderId);

        Assert.Empty(IdempotencyState.Decide(state, new PlaceOrderOnce("h", request.Fingerprint(), "o2", request), now).Events);
        var other = Web(("rice", 2));
        Assert.Equal(RejectionCode.Unprocessable, IdempotencyState.Decide(state, new PlaceOrderOnce("h", other.Fingerprint(), "o3", other), now).Rejection?.Code);

        Assert.False(IdempotencyState.IsAnswerFor(state, new OrderPlacementResult("another-order", null, Rejection.Conflict("x"))));
        Assert.True(IdempotencyState.IsAnswerFor(state, new OrderPlacementResult("o1", null, Rejection.Conflict("Only 0 left.", "lines[0].quantity"))));
        Assert.False(IdempotencyState.IsAnswerFor(IdempotencyState.Empty("h"), new OrderPlacementResult("o1", null, Rejection.Conflict("x"))));

        // A key that recorded its answer (as keys did before they asked their order) replays it from its own journal.
        var answer = new OrderPlacementResult("o1", null, Rejection.Conflict("Only 0 left.", "lines[0].quantity"));
        state = IdempotencyState.Apply(state, new IdempotencyKeyAnswered("h", answer, now));
        Assert.Equal(answer, state.Answer);
    }
}
