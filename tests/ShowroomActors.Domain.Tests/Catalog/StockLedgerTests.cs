using ShowroomActors.Domain.Catalog;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Tests.Catalog;

public sealed class StockLedgerTests
{
    private static readonly ProductDetails Tea = new("凌云白毫茶 100g", "tea", "凌云县", "凌云县白毫茶专业合作社", true,
        "FP45102720200001", new Fen(12800), 160, "高山云雾白毫茶。", "合作社带动45户茶农增收。");

    private static ProductState Stocked(int onHand)
    {
        var state = Run(ProductState.Empty("tea"), new RegisterProduct("tea", Tea));
        return onHand == 0 ? state : Run(state, new ReceiveStock("tea", onHand, "B-1"));
    }

    private static ProductState Run(ProductState state, IProductCommand command)
    {
        var decision = ProductState.Decide(state, command);
        Assert.False(decision.IsRejected, decision.Rejection?.Message);
        return decision.Events.Aggregate(state, ProductState.Apply);
    }

    private static Rejection Refused(ProductState state, IProductCommand command) =>
        ProductState.Decide(state, command).Rejection ?? throw new Xunit.Sdk.XunitException($"{command} was accepted");

    [Fact]
    public void Reserve_commit_and_release_move_stock_between_available_reserved_and_gone()
    {
        var state = Stocked(10);
        state = Run(state, new ReserveStock("tea", "o1", 3));
        state = Run(state, new ReserveStock("tea", "o2", 4));
        Assert.Equal((10, 7, 3), (state.OnHand, state.Reserved, state.Available));

        state = Run(state, new CommitStock("tea", "o1"));
        Assert.Equal((7, 4, 3), (state.OnHand, state.Reserved, state.Available));
        state = Run(state, new ReleaseStock("tea", "o2"));
        Assert.Equal((7, 0, 7), (state.OnHand, state.Reserved, state.Available));

        Assert.Equal(new ReservationAnswer("tea", "o1", ReservationStatus.Committed, 3, new Fen(12800), Tea.Name, Tea.CertifiedPovertyAlleviation), state.AnswerFor("o1"));
        Assert.Equal(ReservationStatus.Released, state.AnswerFor("o2").Status);
    }

    [Fact]
    public void Every_step_is_idempotent_by_order_id()
    {
        var state = Run(Stocked(10), new ReserveStock("tea", "o1", 3));
        Assert.Empty(ProductState.Decide(state, new ReserveStock("tea", "o1", 3)).Events);
        Assert.Equal("quantity", Refused(state, new ReserveStock("tea", "o1", 4)).Field);

        var committed = Run(state, new CommitStock("tea", "o1"));
        Assert.Empty(ProductState.Decide(committed, new CommitStock("tea", "o1")).Events);
        Assert.Empty(ProductState.Decide(committed, new ReserveStock("tea", "o1", 3)).Events); // a late retry of the reservation
        Assert.Equal(RejectionCode.Conflict, Refused(committed, new ReleaseStock("tea", "o1")).Code);

        var released = Run(state, new ReleaseStock("tea", "o1"));
        Assert.Empty(ProductState.Decide(released, new ReleaseStock("tea", "o1")).Events);
        Assert.Equal(RejectionCode.Conflict, Refused(released, new CommitStock("tea", "o1")).Code);
        Assert.Equal(10, released.Available);
    }

    [Fact]
    public void Releasing_an_order_that_holds_nothing_closes_it_so_a_late_reservation_is_refused()
    {
        var state = Run(Stocked(10), new ReleaseStock("tea", "o9"));
        Assert.Equal((10, 0, 10), (state.OnHand, state.Reserved, state.Available));
        Assert.Equal(RejectionCode.Conflict, Refused(state, new ReserveStock("tea", "o9", 1)).Code);
        Assert.Equal(10, state.Available);
    }

    [Fact]
    public void Short_stock_and_unknown_products_are_refused_naming_the_field_and_available_never_goes_negative()
    {
        var state = Stocked(5);
        var shortStock = Refused(state, new ReserveStock("tea", "o1", 6));
        Assert.Equal((RejectionCode.Conflict, "quantity"), (shortStock.Code, shortStock.Field));
        Assert.Contains("Only 5", shortStock.Message);
        Assert.Equal("productId", Refused(ProductState.Empty("nope"), new ReserveStock("nope", "o1", 1)).Field);
        Assert.Equal("quantity", Refused(state, new ReserveStock("tea", "o1", 0)).Field);
        Assert.Equal("quantity", Refused(state, new ReserveStock("tea", "o1", -2)).Field);

        // Any interleaving of many buyers: the ledger serializes them, so only what is available is ever held.
        var random = new Random(42);
        for (var i = 0; i < 200; i++)
        {
            IProductCommand command = random.Next(4) switch
            {
                0 => new ReleaseStock("tea", $"o{random.Next(30)}"),
                1 => new CommitStock("tea", $"o{random.Next(30)}"),
                _ => new ReserveStock("tea", $"o{random.Next(30)}", random.Next(1, 4)),
            };
            state = ProductState.Decide(state, command).Events.Aggregate(state, ProductState.Apply);
            Assert.InRange(state.Available, 0, state.OnHand);
            Assert.Equal(state.Reservations.Values.Where(r => r.Status == ReservationStatus.Reserved).Sum(r => r.Quantity), state.Reserved);
        }
    }

    [Fact]
    public void A_release_for_an_unregistered_product_is_answered_without_recording_anything()
    {
        var decision = ProductState.Decide(ProductState.Empty("nope"), new ReleaseStock("nope", "o1"));
        Assert.False(decision.IsRejected);
        Assert.Empty(decision.Events);
        Assert.Equal(ReservationStatus.Released, ProductState.Empty("nope").AnswerFor("o1").Status);
    }
}
