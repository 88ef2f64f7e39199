using ShowroomActors.Actors;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Catalog;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Shelves;
using ShowroomActors.Host.Api;

namespace ShowroomActors.Host.Demo;

/// <summary>
/// Loads the demo showroom on start (unless SHOWROOM_DEMO=off) through the same commands the API sends, so
/// every demo fact is an ordinary journal event. It only adds what is missing: a product, slot, buyer or plan that
/// exists already is left exactly as it is, so what an operator changed since (a slot bound to another product or
/// device, a rotated device key, another plan) survives every restart. Receiving the demo's stock batch again is
/// a no-op (batches are idempotent), so a second start records nothing new.
/// </summary>
public sealed class DemoLoader(ShowroomSystem showroom, ILogger<DemoLoader> log) : BackgroundService
{
    /// <summary>Completes when the demo data is in place (or was skipped).</summary>
    public Task Completion => _done.Task;

    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (!showroom.Settings.Demo)
            {
                log.LogInformation("Demo data skipped (SHOWROOM_DEMO=off)");
                return;
            }

            await showroom.WaitUntilUpAsync(TimeSpan.FromMinutes(2));
            var demo = DemoShowroom.Load(DemoShowroom.DefaultPath);
            var kept = 0;
            foreach (var product in demo.Products)
            {
                if (await ExistsAsync(new GetProduct(product.ProductId), stoppingToken)) kept++;
                else await SendAsync(product.ToRequest().ToCommand(), stoppingToken);
                await SendAsync(new ReceiveStock(product.ProductId, product.InitialStock, product.Batch), stoppingToken);
            }
            log.LogInformation("Demo showroom {Name} ready: {Products} products ({Kept} found in place and left as they are)", demo.Showroom.Name, demo.Products.Count, kept);

            kept = 0;
            foreach (var slot in demo.Slots)
            {
                if (await ExistsAsync(new GetSlot(slot.SlotId), stoppingToken)) kept++;
                else await SendAsync(await SlotBinding.CommandAsync(showroom, slot.SlotId, new BindSlotRequest(slot.ProductId, slot.DeviceId, slot.DeviceKey), stoppingToken), stoppingToken);
            }
            log.LogInformation("Demo shelves ready: {Slots} slots ({Kept} found bound and left as they are)", demo.Slots.Count, kept);

            // Budget units before the trade unions whose parents they are (registration checks the parent).
            kept = 0;
            foreach (var buyer in demo.Buyers.OrderBy(b => b.ParentUnitId is null ? 0 : 1))
            {
                var existing = await AskAsync(new GetBuyer(buyer.BuyerId), stoppingToken) as BuyerState;
                if (existing is not null) kept++;
                else await SendAsync(buyer.ToRequest().ToCommand(), stoppingToken);
                foreach (var plan in buyer.Plans ?? [])
                    if (existing?.PlanFor(plan.Year) is null)
                        await SendAsync(plan.ToRequest().ToCommand(buyer.BuyerId, plan.Year), stoppingToken);
            }
            log.LogInformation("Demo buyers ready: {Buyers} accounts ({Kept} found in place and left as they are)", demo.Buyers.Count, kept);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            log.LogError(e, "Loading the demo showroom failed");
        }
        finally
        {
            _done.TrySetResult();
        }
    }

    /// <summary>Sends one command; any rejection but "not yet available" stops the loader.</summary>
    private async Task SendAsync(IEntityCommand command, CancellationToken cancel)
    {
        if (await AskAsync(command, cancel) is Rejection rejection)
            throw new InvalidOperationException($"Demo command {command.GetType().Name} for {command.EntityId} was rejected: {rejection.Message}");
    }

    /// <summary>True when the entity a read names exists (answers with its state rather than "not found").</summary>
    private async Task<bool> ExistsAsync(IEntityCommand read, CancellationToken cancel) =>
        await AskAsync(read, cancel) is not Rejection { Code: RejectionCode.NotFound };

    /// <summary>Asks, retrying while the journal or sharding is not yet available; the answer or the last rejection.</summary>
    private async Task<object> AskAsync(IEntityCommand command, CancellationToken cancel)
    {
        var region = DemoRouting.RegionFor(showroom, command);
        for (var attempt = 1; ; attempt++)
        {
            var answer = command is RegisterBuyer register
                ? await Api.BuyerRegistration.RegisterAsync(showroom, register, cancel)
                : await Http.EntityAsk.AskAsync(showroom, region, command, cancel);
            if (answer is not Rejection { Code: RejectionCode.Unavailable } || attempt >= 10) return answer;
            await Task.Delay(TimeSpan.FromSeconds(attempt), cancel);
        }
    }
}

/// <summary>Which shard region takes a demo command.</summary>
internal static class DemoRouting
{
    public static Akka.Actor.IActorRef RegionFor(ShowroomSystem showroom, IEntityCommand command) => command switch
    {
        IProductCommand => showroom.Products,
        ISlotCommand => showroom.Slots,
        IBuyerCommand => showroom.Buyers,
        _ => throw new ArgumentException($"No region for {command.GetType().Name}"),
    };
}
