using System.Data;
using System.Data.Common;
using ShowroomActors.Actors.Configuration;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Actors.Serialization;
using ShowroomActors.Domain.Audit;
using ShowroomActors.Domain.Catalog;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Bench;

/// <summary>
/// Writes product streams straight into the journal table, exactly as the entities would have written them
/// (sealed into the hash chain, our serializer's bytes, the plugin's columns), in large transactions. Used to
/// prepare recovery, replay and audit measurements on SQL journals without waiting for 100k single writes.
/// The tables must exist (start the system once first; auto-initialize creates them).
/// </summary>
public static class JournalSeeder
{
    private static readonly ProductDetails Rice = new("东源丝苗米 5kg", "rice", "东源县", "东源县禾丰水稻种植专业合作社", true,
        "FP44162520200001", new Fen(7800), 5080, "山泉水灌溉的丝苗米。", "合作社吸纳23户原贫困户务工和入股。");

    /// <summary>The events of product <paramref name="productId"/>: registration, then receipts of one unit each.</summary>
    public static IEnumerable<IProductEvent> ProductEvents(string productId, int count)
    {
        yield return new ProductRegistered(productId, Rice);
        for (var i = 1; i < count; i++) yield return new StockReceived(productId, $"b{i}", 1, i);
    }

    public static async Task SeedAsync(ShowroomSettings settings, IEnumerable<(string ProductId, int Events)> streams, Action<long>? progress = null)
    {
        await using var connection = JournalStore.Open(settings);
        var isPostgres = settings.UsesPostgres;
        long written = 0;
        DbTransaction? transaction = null;
        DbCommand? insert = null;
        DbParameter[] p = [];
        var now = DateTimeOffset.UtcNow;

        foreach (var (productId, events) in streams)
        {
            var pid = $"product-{productId}";
            var prevHash = HashChain.Genesis;
            long seq = 0;
            foreach (var evt in ProductEvents(productId, events))
            {
                if (transaction is null)
                {
                    transaction = await connection.BeginTransactionAsync();
                    insert = connection.CreateCommand();
                    insert.Transaction = transaction;
                    insert.CommandText = "INSERT INTO journal (created, deleted, persistence_id, sequence_number, message, manifest, identifier, writer_uuid, tags) " +
                                         $"VALUES (@created, {(isPostgres ? "false" : "0")}, @pid, @seq, @message, @manifest, {ShowroomActors.Actors.Serialization.ShowroomSerializer.Id}, 'bench-seeder', @tags)";
                    p = [SqlParameters.Add(insert, "@created", type: DbType.Int64), SqlParameters.Add(insert, "@pid", type: DbType.String),
                         SqlParameters.Add(insert, "@seq", type: DbType.Int64), SqlParameters.Add(insert, "@message", type: DbType.Binary),
                         SqlParameters.Add(insert, "@manifest", type: DbType.String), SqlParameters.Add(insert, "@tags", type: DbType.String)];
                    await insert.PrepareAsync();
                }
                var chained = EventChain.Seal(pid, ++seq, now, evt, prevHash);
                prevHash = chained.Hash;
                p[0].Value = now.UtcTicks;
                p[1].Value = pid;
                p[2].Value = seq;
                p[3].Value = ChainedEventJson.Write(chained);
                p[4].Value = chained.Manifest;
                p[5].Value = TagColumn(evt);
                await insert!.ExecuteNonQueryAsync();
                if (++written % 5000 == 0)
                {
                    await transaction.CommitAsync();
                    await transaction.DisposeAsync();
                    await insert.DisposeAsync();
                    transaction = null;
                    progress?.Invoke(written);
                }
            }
        }
        if (transaction is not null)
        {
            await transaction.CommitAsync();
            await transaction.DisposeAsync();
            await insert!.DisposeAsync();
        }
        progress?.Invoke(written);
    }

    /// <summary>The journal's tags column as the plugin writes it (tag-write-mode = Csv): ";product;catalog;".</summary>
    private static string TagColumn(IDomainEvent evt) =>
        $"{JournalTags.Separator}{string.Join(JournalTags.Separator, EventTagger.TagsFor(evt))}{JournalTags.Separator}";

}
