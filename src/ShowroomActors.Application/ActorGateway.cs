using Akka.Actor;
using ShowroomActors.Actors;
using ShowroomActors.Actors.Catalog;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Domain.Alerts;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Catalog;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Orders;
using ShowroomActors.Domain.Shelves;

namespace ShowroomActors.Application;

/// <summary>
/// The one place the use cases talk to actors. An entity command goes to the shard region its type names (a product
/// command to the product region, …) and comes back as that aggregate's reply family; no answer within
/// <c>showroom.ask-timeout</c>, or a journal known to be down, comes back as the family's rejection with
/// <see cref="RejectionCode.Unavailable"/> (nothing is known to be recorded). Read models are asked the same way.
/// </summary>
public sealed class ActorGateway(ShowroomSystem showroom)
{
    public TimeSpan AskTimeout => showroom.AskTimeout;
    public TimeProvider Clock => showroom.Clock;
    public ShowroomSystem Showroom => showroom;

    /// <summary>How long reservations hold and how large one order may be (<c>showroom.orders</c>).</summary>
    public OrderPolicy OrderPolicy => showroom.OrderSettings.Policy;

    public Task<ProductReply> AskAsync(IProductCommand command, CancellationToken cancel) =>
        AskAsync<ProductReply>(showroom.Products, command, r => new ProductReply.Rejected(r), cancel);

    public Task<SlotReply> AskAsync(ISlotCommand command, CancellationToken cancel) =>
        AskAsync<SlotReply>(showroom.Slots, command, r => new SlotReply.Rejected(r), cancel);

    public Task<BuyerReply> AskAsync(IBuyerCommand command, CancellationToken cancel) =>
        AskAsync<BuyerReply>(showroom.Buyers, command, r => new BuyerReply.Rejected(r), cancel);

    public Task<OrderReply> AskAsync(IOrderCommand command, CancellationToken cancel) =>
        AskAsync<OrderReply>(showroom.Orders, command, r => new OrderReply.Rejected(r), cancel);

    public Task<AlertReply> AskAsync(IAlertCommand command, CancellationToken cancel) =>
        AskAsync<AlertReply>(showroom.Alerts, command, r => new AlertReply.Rejected(r), cancel);

    /// <summary>Placing under an idempotency key: the key's entity answers with the order's settled placement.</summary>
    public Task<OrderReply> AskAsync(IIdempotencyCommand command, CancellationToken cancel) =>
        AskAsync<OrderReply>(showroom.IdempotencyKeys, command, r => new OrderReply.Rejected(r), cancel);

    /// <summary>Asks this node's catalog read model (<see cref="CatalogView"/>); null when it does not answer in time.</summary>
    public async Task<T?> AskCatalogAsync<T>(object question, CancellationToken cancel) where T : class
    {
        try
        {
            return await showroom.Catalog.Ask<T>(question, showroom.AskTimeout, cancel);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    /// <summary>The rejection of a read model that did not answer in time.</summary>
    public static Rejection CatalogUnavailable =>
        Rejection.Unavailable("The catalog read model did not answer in time; retry.");

    private async Task<TReply> AskAsync<TReply>(IActorRef region, IEntityCommand command, Func<Rejection, TReply> refused, CancellationToken cancel)
        where TReply : class, IEntityReply
    {
        var gate = showroom.JournalGate;
        if (!await gate.IsOpenAsync())
            return refused(Rejection.Unavailable("The journal's database is unreachable; nothing was recorded. Retry later."));
        try
        {
            var reply = await region.Ask<TReply>(command, showroom.AskTimeout, cancel);
            if (reply.RejectionOrNull() is { Code: RejectionCode.Unavailable } unavailable) gate.ReportFailure(unavailable.Message);
            else gate.ReportSuccess();
            return reply;
        }
        catch (AskTimeoutException)
        {
            var timedOut = Rejection.Unavailable(
                $"No answer from {command.EntityId} within {showroom.AskTimeout.TotalSeconds:0.#} s; the change may not be recorded. Retry with the same request.");
            gate.ReportFailure(timedOut.Message);
            return refused(timedOut);
        }
    }
}
