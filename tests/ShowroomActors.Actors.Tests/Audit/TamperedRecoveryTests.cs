using System.Text;
using Akka.Actor;
using Microsoft.Data.Sqlite;
using ShowroomActors.Actors.Audit;
using ShowroomActors.Actors.Catalog;
using ShowroomActors.Actors.Tests.Support;
using ShowroomActors.Domain.Catalog;
using ShowroomActors.Domain.Common;
using Xunit.Abstractions;

namespace ShowroomActors.Actors.Tests.Audit;

/// <summary>An entity recovering from a SQLite journal that was changed behind its back serves nothing it cannot trust.</summary>
public sealed class TamperedRecoveryTests(ITestOutputHelper output) : SqliteTestKit(output)
{
    private static readonly ProductDetails Rice = new("东源丝苗米 5kg", "rice", "东源县", "东源县禾丰水稻种植专业合作社", true,
        "FP44162520200001", new Fen(7800), 5080, "丝苗米。", "合作社带动农户。");

    private IActorRef Product(string id) => Sys.ActorOf(ProductEntity.Props(id, TimeProvider.System, snapshotEvery: 3));

    private void Record(string id, int receipts)
    {
        var product = Product(id);
        product.Tell(new RegisterProduct(id, Rice));
        ExpectMsg<ProductReply.Accepted>();
        for (var i = 1; i <= receipts; i++)
        {
            product.Tell(new ReceiveStock(id, 10, $"B-{i}"));
            ExpectMsg<ProductReply.Accepted>();
        }
        Watch(product);
        product.Tell(PoisonPill.Instance);
        ExpectTerminated(product);
    }

    private void Sql(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection($"Data Source={Settings.SqliteFile};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        Assert.True(command.ExecuteNonQuery() > 0, sql);
    }

    [Fact]
    public void A_sealed_snapshot_is_used_as_it_is()
    {
        Record("rice-1", 4);
        EventFilter.Error(contains: "seal").Expect(0, () =>
        {
            Product("rice-1").Tell(new GetProduct("rice-1"));
            Assert.Equal(40, ExpectMsg<ProductReply.Accepted>().Product.OnHand);
        });
        Assert.Empty(AuditGuard.Get(Sys).Quarantined);
    }

    [Fact]
    public void An_edited_snapshot_is_discarded_and_the_state_rebuilt_from_the_events()
    {
        Record("rice-2", 4);
        Sql("UPDATE snapshot SET snapshot = CAST(replace(CAST(snapshot AS TEXT), '\"onHand\":20', '\"onHand\":900') AS BLOB) WHERE persistence_id = 'product-rice-2'");
        EventFilter.Error(contains: "does not match its seal").ExpectOne(TimeSpan.FromSeconds(30), () =>
        {
            Product("rice-2").Tell(new GetProduct("rice-2"));
            Assert.Equal(40, ExpectMsg<ProductReply.Accepted>().Product.OnHand);
        });
        Assert.Empty(AuditGuard.Get(Sys).Quarantined);
    }

    [Fact]
    public void An_edited_event_quarantines_the_entity_and_every_command_is_refused_naming_it()
    {
        // Snapshot at seq 3, then seq 4 and 5 are replayed: the edit is in what the entity reads.
        Record("rice-3", 4);
        Sql("UPDATE journal SET message = CAST(replace(CAST(message AS TEXT), '\"batch\":\"B-3\"', '\"batch\":\"B-X\"') AS BLOB) WHERE persistence_id = 'product-rice-3' AND sequence_number = 4");
        var product = Product("rice-3");
        EventFilter.Error(contains: "is quarantined").ExpectOne(TimeSpan.FromSeconds(30), () =>
        {
            product.Tell(new GetProduct("rice-3"));
            var refused = ExpectMsg<ProductReply.Rejected>().Rejection;
            Assert.Equal(RejectionCode.Quarantined, refused.Code);
            Assert.Equal(4, refused.Break!.FirstBrokenSeq);
        });
        product.Tell(new ReceiveStock("rice-3", 5, "B-9"));
        Assert.Equal(RejectionCode.Quarantined, ExpectMsg<ProductReply.Rejected>().Rejection.Code);
        Assert.Equal("product-rice-3", Assert.Single(AuditGuard.Get(Sys).Quarantined).PersistenceId);
        Assert.Equal(5, JournalReader.Events(Settings, "product-rice-3").Count); // nothing was written
    }

    [Fact]
    public void An_unreadable_event_is_reported_at_its_sequence_number_instead_of_failing_every_recovery()
    {
        Record("rice-4", 4);
        Sql("UPDATE journal SET message = @garbage WHERE persistence_id = 'product-rice-4' AND sequence_number = 5",
            ("@garbage", Encoding.UTF8.GetBytes("""{"at":"2026-01-01T00:00:00.0000000Z","prevHash":"x","hash":"y","event":{"productId":17}}""")));
        var product = Product("rice-4");
        product.Tell(new GetProduct("rice-4"));
        var refused = ExpectMsg<ProductReply.Rejected>().Rejection;
        Assert.Equal(RejectionCode.Quarantined, refused.Code);
        Assert.Equal(5, refused.Break!.FirstBrokenSeq);
        Assert.Contains("cannot be read", refused.Break.Problem);
    }
}
