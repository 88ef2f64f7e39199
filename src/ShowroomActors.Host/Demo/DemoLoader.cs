using ShowroomActors.Actors;
using ShowroomActors.Application;
using ShowroomActors.Application.Buyers;
using ShowroomActors.Application.Catalog;
using ShowroomActors.Application.Shelves;
using ShowroomActors.Domain.Catalog;
using ShowroomActors.Domain.Common;
using ShowroomActors.Host.Configuration;

namespace ShowroomActors.Host.Demo;

/// <summary>
/// Loads the demo showroom on start (unless SHOWROOM_DEMO=off) through the same use cases the API calls, so every
/// demo fact is an ordinary journal event. It only adds what is missing: a product, slot, buyer or plan that exists
/// already is left exactly as it is, so what an operator changed since (a slot bound to another product or device, a
/// rotated device key, another plan) survives every restart. Receiving the demo's stock batch again is a no-op
/// (batches are idempotent), so a second start records nothing new.
/// </summary>
public sealed class DemoLoader(
    ShowroomSystem showroom, HostSettings settings, CatalogUseCases catalog, ShelfUseCases shelves, BuyerUseCases buyers, ILogger<DemoLoader> log)
    : BackgroundService
{
    /// <summary>Completes when the demo data is in place (or was skipped).</summary>
    public Task Completion => _done.Task;

    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (!settings.Demo)
            {
                log.LogInformation("Demo data skipped (SHOWROOM_DEMO=off)");
                return;
            }

            await showroom.WaitUntilUpAsync(TimeSpan.FromMinutes(2));
            var demo = DemoShowroom.Load(DemoShowroom.DefaultPath);
            var kept = 0;
            foreach (var product in demo.Products)
            {
                if (await FoundAsync(c => catalog.GetAsync(product.ProductId, c), stoppingToken) is not null) kept++;
                else await SendAsync($"product {product.ProductId}", c => catalog.RegisterAsync(product.ToRequest().ToCommand(), c), stoppingToken);
                var stock = new ReceiveStock(product.ProductId, product.InitialStock, product.Batch);
                await SendAsync($"stock of {product.ProductId}", c => catalog.ReceiveStockAsync(stock, c), stoppingToken);
            }
            log.LogInformation("Demo showroom {Name} ready: {Products} products ({Kept} found in place and left as they are)", demo.Showroom.Name, demo.Products.Count, kept);

            kept = 0;
            foreach (var slot in demo.Slots)
            {
                if (await FoundAsync(c => shelves.GetAsync(slot.SlotId, c), stoppingToken) is not null) kept++;
                else await SendAsync($"slot {slot.SlotId}", c => shelves.BindSlotAsync(slot.SlotId, slot.ProductId, slot.DeviceId, slot.DeviceKey, c), stoppingToken);
            }
            log.LogInformation("Demo shelves ready: {Slots} slots ({Kept} found bound and left as they are)", demo.Slots.Count, kept);

            // Budget units before the trade unions whose parents they are (registration checks the parent).
            kept = 0;
            foreach (var buyer in demo.Buyers.OrderBy(b => b.ParentUnitId is null ? 0 : 1))
            {
                var existing = await FoundAsync(c => buyers.GetAsync(buyer.BuyerId, c), stoppingToken);
                if (existing is not null) kept++;
                else await SendAsync($"buyer {buyer.BuyerId}", c => buyers.RegisterAsync(buyer.ToRequest().ToCommand(), c), stoppingToken);
                foreach (var plan in buyer.Plans ?? [])
                    if (existing?.PlanFor(plan.Year) is null)
                        await SendAsync($"plan {plan.Year} of {buyer.BuyerId}", c => buyers.DeclarePlanAsync(plan.ToRequest().ToCommand(buyer.BuyerId, plan.Year), c), stoppingToken);
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

    /// <summary>Runs one step; any rejection but "not yet available" stops the loader.</summary>
    private static async Task SendAsync<T>(string what, Func<CancellationToken, Task<Outcome<T>>> useCase, CancellationToken cancel) where T : notnull
    {
        var outcome = await RetryAsync(useCase, cancel);
        if (!outcome.IsAccepted) throw new InvalidOperationException($"Demo step {what} was rejected: {outcome.Rejection.Message}");
    }

    /// <summary>What a read found, or null when it names nothing that exists ("not found").</summary>
    private static async Task<T?> FoundAsync<T>(Func<CancellationToken, Task<Outcome<T>>> read, CancellationToken cancel) where T : class
    {
        var outcome = await RetryAsync(read, cancel);
        if (outcome.IsAccepted) return outcome.Value;
        return outcome.Rejection.Code == RejectionCode.NotFound
            ? null
            : throw new InvalidOperationException($"Demo read was rejected: {outcome.Rejection.Message}");
    }

    /// <summary>Runs a use case, again while the journal or sharding is not yet available (up to 10 times).</summary>
    private static async Task<Outcome<T>> RetryAsync<T>(Func<CancellationToken, Task<Outcome<T>>> useCase, CancellationToken cancel) where T : notnull
    {
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await useCase(cancel);
            if (outcome.IsAccepted || outcome.Rejection.Code != RejectionCode.Unavailable || attempt >= 10) return outcome;
            await Task.Delay(TimeSpan.FromSeconds(attempt), cancel);
        }
    }
}
