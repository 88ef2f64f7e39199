using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using ShowroomActors.Actors.Audit;
using ShowroomActors.Actors.Catalog;
using ShowroomActors.Actors.Configuration;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Actors.Tests.Support;
using ShowroomActors.TestSupport;
using ShowroomActors.Domain.Catalog;
using ShowroomActors.Domain.Common;
using Xunit.Abstractions;

namespace ShowroomActors.Actors.Tests.Persistence;

/// <summary>
/// One spec body, run against every journal we support (SQLite and PostgreSQL): the same assertions on
/// persist, recovery, tags read back through Akka.Persistence.Query, and the stored hash chain.
/// </summary>
public abstract class PersistenceSpec(ShowroomSettings settings, ITestOutputHelper output) : ShowroomTestKit(settings, output)
{
    private static readonly ProductDetails Oil = new("东源山茶油 500ml", "tea-oil", "东源县", "东源县康禾镇油茶专业合作社", true,
        "FP44162520200004", new Fen(9800), 620, "冷榨山茶油。", "油茶林带动30户脱贫。");

    /// <summary>Skips when the database is not there (never on CI).</summary>
    protected abstract void RequireDatabase();

    private IActorRef Product(string id) => Sys.ActorOf(ProductEntity.Props(id, TimeProvider.System, snapshotEvery: 4));

    private void Stop(IActorRef actor)
    {
        Watch(actor);
        actor.Tell(PoisonPill.Instance);
        ExpectTerminated(actor);
    }

    [SkippableFact]
    public void Persists_and_recovers_through_snapshots_and_events()
    {
        RequireDatabase();
        var oil = Product("oil");
        oil.Tell(new RegisterProduct("oil", Oil));
        ExpectMsg<ProductReply.Accepted>();
        for (var i = 1; i <= 6; i++)
        {
            oil.Tell(new ReceiveStock("oil", 10, $"B-{i}"));
            ExpectMsg<ProductReply.Accepted>();
        }
        Stop(oil);

        var recovered = Product("oil");
        recovered.Tell(new GetProduct("oil"));
        var state = ExpectMsg<ProductReply.Accepted>().Product;
        Assert.Equal(60, state.OnHand);
        Assert.Equal(Oil, state.Details);
        // Every batch came back: receiving a known one again is recognised, not counted twice.
        recovered.Tell(new ReceiveStock("oil", 10, "B-3"));
        Assert.Equal(60, ExpectMsg<ProductReply.Accepted>().Product.OnHand);
    }

    [SkippableFact]
    public void Tagged_events_read_back_in_journal_order_through_persistence_query()
    {
        RequireDatabase();
        foreach (var id in new[] { "p1", "p2" })
        {
            var product = Product(id);
            product.Tell(new RegisterProduct(id, Oil));
            ExpectMsg<ProductReply.Accepted>();
            product.Tell(new ReceiveStock(id, 5, "B-1"));
            ExpectMsg<ProductReply.Accepted>();
        }

        // The query sees events once the journal's sequence tracker has caught up (query-delay): poll.
        var journal = PersistenceQuery.Get(Sys).ReadJournalFor<SqlReadJournal>("akka.persistence.query.journal.sql");
        AwaitAssert(() =>
        {
            var products = journal.CurrentEventsByTag(EntityTypes.Product, Offset.NoOffset())
                .RunAggregate(new List<EventEnvelope>(), (list, e) => { list.Add(e); return list; }, Sys.Materializer())
                .Result
                .Where(e => e.PersistenceId is "product-p1" or "product-p2") // the database is shared by the class
                .ToList();
            Assert.Equal(["product-p1", "product-p1", "product-p2", "product-p2"], products.Select(e => e.PersistenceId));
            Assert.All(products, e => Assert.IsType<ChainedEvent>(e.Event));
            var offsets = products.Select(e => ((Sequence)e.Offset).Value).ToList();
            Assert.Equal(offsets.Order(), offsets);

            var catalog = journal.CurrentEventsByTag(EventTagger.CatalogTag, Offset.NoOffset())
                .RunAggregate(0, (count, e) => e.PersistenceId is "product-p1" or "product-p2" ? count + 1 : count, Sys.Materializer()).Result;
            Assert.Equal(2, catalog);
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));
    }

    [SkippableFact]
    public async Task The_audit_log_by_tag_matches_whole_tags_only()
    {
        RequireDatabase();
        var product = Product("like");
        product.Tell(new RegisterProduct("like", Oil));
        ExpectMsg<ProductReply.Accepted>();
        product.Tell(new ReceiveStock("like", 3, "B-1"));
        ExpectMsg<ProductReply.Accepted>();

        async Task<int> CountAsync(string tag)
        {
            var count = 0;
            await foreach (var row in new AuditJournal(Settings).AllAsync(0, tag))
                if (row.PersistenceId == "product-like") count++;
            return count;
        }

        Assert.Equal(1, await CountAsync(EventTagger.CatalogTag));
        Assert.Equal(2, await CountAsync(EntityTypes.Product));
        // LIKE wildcards, parts of a tag and the separator match nothing.
        Assert.Equal(0, await CountAsync("catalo_"));
        Assert.Equal(0, await CountAsync("%"));
        Assert.Equal(0, await CountAsync("atalo"));
        Assert.Equal(0, await CountAsync("product;catalog"));
    }

    [SkippableFact]
    public void The_stored_rows_carry_a_valid_hash_chain()
    {
        RequireDatabase();
        var product = Product("chain");
        product.Tell(new RegisterProduct("chain", Oil));
        ExpectMsg<ProductReply.Accepted>();
        product.Tell(new ReceiveStock("chain", 3, "B-1"));
        ExpectMsg<ProductReply.Accepted>();

        var rows = JournalReader.Events(Settings, "product-chain");
        Assert.Equal(2, rows.Count);
        Assert.True(rows[0].HashMatches("product-chain", 1, ShowroomActors.Domain.Audit.HashChain.Genesis));
        Assert.True(rows[1].HashMatches("product-chain", 2, rows[0].Hash)); // chained after the first
    }
}

public sealed class SqlitePersistenceSpec(ITestOutputHelper output) : PersistenceSpec(TempSqlite(), output)
{
    protected override void RequireDatabase() { }
}

public sealed class PostgresPersistenceSpec : PersistenceSpec, IClassFixture<PostgresDatabase>
{
    private readonly PostgresDatabase _database;

    public PostgresPersistenceSpec(PostgresDatabase database, ITestOutputHelper output)
        : base(database.ConnectionString is { } connection ? TempSqlite() with { PostgresConnection = connection } : TempSqlite(), output)
    {
        _database = database;
    }

    protected override void RequireDatabase()
    {
        _database.SkipIfUnavailable();
        Assert.True(Settings.UsesPostgres);
    }
}
