using Akka.Actor;
using ShowroomActors.Actors.Catalog;
using ShowroomActors.Actors.Tests.Support;
using ShowroomActors.Domain.Catalog;
using ShowroomActors.Domain.Common;
using Xunit.Abstractions;

namespace ShowroomActors.Actors.Tests.Catalog;

public sealed class ProductEntityTests(ITestOutputHelper output) : SqliteTestKit(output)
{
    private static readonly ProductDetails Tea = new("凌云白毫茶 100g", "tea", "凌云县", "凌云县白毫茶专业合作社", true,
        "FP45102720200001", new Fen(12800), 160, "高山云雾白毫茶。", "合作社带动45户茶农增收。");

    private IActorRef Product(string id) => Sys.ActorOf(ProductEntity.Props(id, TimeProvider.System, snapshotEvery: 3));

    private void Stop(IActorRef actor)
    {
        Watch(actor);
        actor.Tell(PoisonPill.Instance);
        ExpectTerminated(actor);
    }

    [Fact]
    public void Registers_receives_stock_and_recovers_the_same_state_from_the_sqlite_journal()
    {
        var product = Product("tea-1");
        product.Tell(new RegisterProduct("tea-1", Tea));
        Assert.Equal(Tea, ExpectMsg<ProductReply.Accepted>().Product.Details);
        product.Tell(new ReceiveStock("tea-1", 40, "LN-2020-09-001"));
        product.Tell(new ReceiveStock("tea-1", 10, "LN-2020-09-002"));
        ExpectMsg<ProductReply.Accepted>();
        Assert.Equal(50, ExpectMsg<ProductReply.Accepted>().Product.OnHand);
        Stop(product);

        var recovered = Product("tea-1");
        recovered.Tell(new GetProduct("tea-1"));
        var state = ExpectMsg<ProductReply.Accepted>().Product;
        Assert.Equal(50, state.OnHand);
        Assert.Equal(50, state.Available);
        Assert.Equal(Tea, state.Details);
    }

    [Fact]
    public void Recovers_from_a_snapshot_plus_later_events_and_keeps_the_hash_chain_going()
    {
        var product = Product("tea-2");
        product.Tell(new RegisterProduct("tea-2", Tea));
        ExpectMsg<ProductReply.Accepted>();
        for (var i = 1; i <= 4; i++)
        {
            product.Tell(new ReceiveStock("tea-2", i, $"B-{i}"));
            ExpectMsg<ProductReply.Accepted>();
        }

        Stop(product);
        var recovered = Product("tea-2");
        recovered.Tell(new ReceiveStock("tea-2", 5, "B-5"));
        Assert.Equal(15, ExpectMsg<ProductReply.Accepted>().Product.OnHand);

        var chain = JournalReader.Events(Settings, "product-tea-2");
        Assert.Equal(6, chain.Count);
        for (var i = 0; i < chain.Count; i++)
        {
            Assert.True(chain[i].HashMatches("product-tea-2", i + 1, i == 0 ? ShowroomActors.Domain.Audit.HashChain.Genesis : chain[i - 1].Hash), $"hash of event {i + 1}, chained after the one before");
        }
    }

    [Fact]
    public void Rejections_change_nothing_and_keep_the_entity_alive()
    {
        var product = Product("tea-3");
        product.Tell(new ReceiveStock("tea-3", 5, "B-1"));
        Assert.Equal(RejectionCode.NotFound, ExpectMsg<ProductReply.Rejected>().Rejection.Code);
        product.Tell(new RegisterProduct("tea-3", Tea));
        ExpectMsg<ProductReply.Accepted>();
        product.Tell(new ReceiveStock("tea-3", 0, "B-1"));
        Assert.Equal("quantity", ExpectMsg<ProductReply.Rejected>().Rejection.Field);
        product.Tell(new RegisterProduct("tea-3", Tea with { Name = "别的茶" }));
        Assert.Equal(RejectionCode.Conflict, ExpectMsg<ProductReply.Rejected>().Rejection.Code);
        product.Tell(new GetProduct("tea-3"));
        var state = ExpectMsg<ProductReply.Accepted>().Product;
        Assert.Equal(0, state.OnHand);
        Assert.Equal(Tea, state.Details);
        Assert.Single(JournalReader.Events(Settings, "product-tea-3"));
    }
}
