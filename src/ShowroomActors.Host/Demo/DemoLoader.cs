using ShowroomActors.Actors;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Catalog;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Shelves;
using ShowroomActors.Host.Api;

namespace ShowroomActors.Host.Demo;

/// <summary>
/// Loads the demo showroom on start (unless SHOWROOM_DEMO=off) through the same commands the API sends, so
/// every demo fact is an ordinary journal event. Idempotent: a second start finds everything in place and
/// records nothing new (registering identical details and receiving a known batch are no-ops).
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
            foreach (var product in demo.Products)
            {
                await SendAsync(product.ToRequest().ToCommand(), stoppingToken);
                await SendAsync(new ReceiveStock(product.ProductId, product.InitialStock, product.Batch), stoppingToken);
            }

            foreach (var slot in demo.Slots)
                await SendAsync(await SlotBinding.CommandAsync(showroom, slot.SlotId, new BindSlotRequest(slot.ProductId, slot.DeviceId, slot.DeviceKey), stoppingToken), stoppingToken);

            log.LogInformation("Demo showroom {Name} ready: {Products} products", demo.Showroom.Name, demo.Products.Count);
            log.LogInformation("Demo shelves ready: {Slots} slots bound to their sensors", demo.Slots.Count);

            // Budget units before the trade unions whose parents they are (registration checks the parent).
            foreach (var buyer in demo.Buyers.OrderBy(b => b.ParentUnitId is null ? 0 : 1))
            {
                await SendAsync(buyer.ToRequest().ToCommand(), stoppingToken);
                foreach (var plan in buyer.Plans ?? [])
                    await SendAsync(plan.ToRequest().ToCommand(buyer.BuyerId, plan.Year), stoppingToken);
            }

            log.LogInformation("Demo buyers ready: {Buyers} accounts", demo.Buyers.Count);
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

    /// <summary>Sends one command, retrying while the journal or sharding is not yet available.</summary>
    private async Task SendAsync(IEntityCommand command, CancellationToken cancel)
    {
        var region = DemoRouting.RegionFor(showroom, command);
        for (var attempt = 1; ; attempt++)
        {
            var answer = command is RegisterBuyer register
                ? await Api.BuyerRegistration.RegisterAsync(showroom, register, cancel)
                : await Http.EntityAsk.AskAsync(showroom, region, command, cancel);
            if (answer is not Rejection rejection) return;
            if (rejection.Code != RejectionCode.Unavailable || attempt >= 10)
                throw new InvalidOperationException($"Demo command {command.GetType().Name} for {command.EntityId} was rejected: {rejection.Message}");
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
