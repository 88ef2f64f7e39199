using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using ShowroomActors.Actors.Audit;
using ShowroomActors.Actors.Catalog;
using ShowroomActors.Actors.Configuration;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Actors.Tests.Support;
using ShowroomActors.Domain.Catalog;
using ShowroomActors.Domain.Common;
using ShowroomActors.TestSupport;

namespace ShowroomActors.Actors.Tests.Persistence;

/// <summary>
/// A journal written by an earlier version (tags only in the plugin's tag table) is upgraded before the system
/// starts: its events keep their tags for projections and auditors, and new events land beside them.
/// One spec body on SQLite and on PostgreSQL.
/// </summary>
public abstract class JournalTagsUpgradeSpec(ShowroomSettings settings)
{
    protected ShowroomSettings Settings => settings;

    private static readonly ProductDetails Rice = new("乐业富硒大米 5kg", "rice", "乐业县", "乐业县同乐镇大米合作社", true,
        "FP45102820200011", new Fen(6800), 5000, "高山梯田富硒大米。", "带动52户种植户增收。");

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    protected abstract void RequireDatabase();

    [SkippableFact]
    public async Task An_old_journal_gets_its_tags_column_filled_from_the_tag_table()
    {
        RequireDatabase();

        // An earlier version: the plugin made its tables, tags in the tag table, none in the journal row.
        if (!settings.UsesPostgres) Directory.CreateDirectory(settings.DataDir);
        var old = ActorSystem.Create("showroom", Configure("""
            akka.persistence.journal.sql.auto-initialize = on
            akka.persistence.journal.sql.tag-write-mode = TagTable
            akka.persistence.query.journal.sql.tag-read-mode = TagTable
            """));
        try
        {
            await RegisterAsync(old, "rice-old");
        }
        finally
        {
            await old.Terminate();
        }

        // Both events of rice-old are tagged (product; the registration also catalog).
        Assert.Equal(2, JournalStore.Prepare(settings).TagsCopied);
        Assert.Equal(0, JournalStore.Prepare(settings).TagsCopied); // once only

        var current = ActorSystem.Create("showroom", Configure(""));
        try
        {
            await RegisterAsync(current, "rice-new");
            var journal = PersistenceQuery.Get(current).ReadJournalFor<SqlReadJournal>("akka.persistence.query.journal.sql");
            var materializer = current.Materializer();
            async Task<List<string>> TaggedAsync(string tag) =>
                (await journal.CurrentEventsByTag(tag, Offset.NoOffset())
                    .RunAggregate(new List<string>(), (list, e) => { list.Add(e.PersistenceId); return list; }, materializer))
                .ToList();

            // The query sees new events once the journal's sequence tracker has caught up: poll.
            var deadline = DateTime.UtcNow + Timeout;
            List<string> products;
            while ((products = await TaggedAsync(EntityTypes.Product)).Count < 4 && DateTime.UtcNow < deadline)
                await Task.Delay(100);
            Assert.Equal(["product-rice-old", "product-rice-old", "product-rice-new", "product-rice-new"], products);
            Assert.Equal(["product-rice-old", "product-rice-new"], await TaggedAsync(EventTagger.CatalogTag));
        }
        finally
        {
            await current.Terminate();
        }

        // The auditor's global log by tag reads the same column.
        var audited = new List<string>();
        await foreach (var row in new AuditJournal(settings).AllAsync(0, EventTagger.CatalogTag))
            audited.Add(row.PersistenceId);
        Assert.Equal(["product-rice-old", "product-rice-new"], audited);
    }

    private Config Configure(string hocon) =>
        ConfigurationFactory.ParseString(hocon)
            .WithFallback(ConfigurationFactory.ParseString("""
                akka.loglevel = WARNING
                akka.actor.provider = local
                """))
            .WithFallback(ShowroomConfig.Build(settings));

    private static async Task RegisterAsync(ActorSystem system, string productId)
    {
        var product = system.ActorOf(ProductEntity.Props(productId, TimeProvider.System, snapshotEvery: 0));
        Assert.IsType<ProductReply.Accepted>(await product.Ask<object>(new RegisterProduct(productId, Rice), Timeout));
        Assert.IsType<ProductReply.Accepted>(await product.Ask<object>(new ReceiveStock(productId, 20, "B-1"), Timeout));
    }
}

public sealed class SqliteJournalTagsUpgradeSpec() : JournalTagsUpgradeSpec(ShowroomTestKit.TempSqlite()), IDisposable
{
    protected override void RequireDatabase() { }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Settings.DataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

public sealed class PostgresJournalTagsUpgradeSpec(PostgresDatabase database)
    : JournalTagsUpgradeSpec(ShowroomTestKit.TempSqlite() with { PostgresConnection = database.ConnectionString }),
      IClassFixture<PostgresDatabase>
{
    protected override void RequireDatabase() => database.SkipIfUnavailable();
}
