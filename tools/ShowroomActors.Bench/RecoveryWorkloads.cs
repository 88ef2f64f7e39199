using System.Diagnostics;
using Akka.Actor;
using ShowroomActors.Actors.Catalog;
using ShowroomActors.Domain.Catalog;

namespace ShowroomActors.Bench;

/// <summary>
/// Recovery and replay through the journal plugin: product entities created directly (no sharding in the way),
/// with snapshots off so every event is replayed.
/// </summary>
public static class RecoveryWorkloads
{
    private const int NoSnapshots = int.MaxValue;

    /// <summary>Writes the streams through real entities (for the in-memory journal, which has no tables to seed).</summary>
    public static async Task WriteThroughEntitiesAsync(ActorSystem system, IReadOnlyList<string> productIds, int eventsEach)
    {
        await Workloads.ForAllAsync(productIds, 256, async id =>
        {
            var entity = system.ActorOf(ProductEntity.Props(id, TimeProvider.System, NoSnapshots));
            foreach (var evt in JournalSeeder.ProductEvents(id, eventsEach))
            {
                IProductCommand command = evt switch
                {
                    ProductRegistered r => new RegisterProduct(id, r.Details),
                    StockReceived s => new ReceiveStock(id, s.Quantity, s.Batch),
                    _ => throw new InvalidOperationException(),
                };
                if (await entity.Ask<object>(command, TimeSpan.FromMinutes(1)) is not ProductReply.Accepted)
                    throw new InvalidOperationException($"write to {id} failed");
            }
            await entity.GracefulStop(TimeSpan.FromMinutes(1));
        });
    }

    /// <summary>Starts an entity for every id at once and waits until all have recovered and answered.</summary>
    public static async Task<TimeSpan> RecoverAllAsync(ActorSystem system, IReadOnlyList<string> productIds, int expectedEvents)
    {
        var watch = Stopwatch.StartNew();
        var entities = productIds.Select(id => (Id: id, Ref: system.ActorOf(ProductEntity.Props(id, TimeProvider.System, NoSnapshots)))).ToList();
        await Task.WhenAll(entities.Select(async e =>
        {
            var state = await e.Ref.Ask<object>(new GetProduct(e.Id), TimeSpan.FromMinutes(10));
            if (state is not ProductReply.Accepted { Product.OnHand: var onHand } || onHand != expectedEvents - 1)
                throw new InvalidOperationException($"{e.Id} recovered wrongly: {state}");
        }));
        var elapsed = watch.Elapsed;
        await Task.WhenAll(entities.Select(e => e.Ref.GracefulStop(TimeSpan.FromMinutes(1))));
        return elapsed;
    }
}
