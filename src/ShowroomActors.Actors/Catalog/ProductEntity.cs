using Akka.Actor;
using ShowroomActors.Actors.Entities;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Domain.Catalog;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Actors.Catalog;

/// <summary>
/// The product entity (<c>product-{productId}</c>): catalog details and stock. Logic lives in <see cref="ProductState"/>.
/// Answers with a <see cref="ProductReply"/>, never its state: the reservation ledger stays here.
/// </summary>
public sealed class ProductEntity : ShowroomEntity<ProductState, IProductEvent>
{
    public ProductEntity(string productId, TimeProvider clock, int snapshotEvery)
        : base(EntityTypes.Product, productId, ProductState.Empty(productId), clock, snapshotEvery)
    {
    }

    protected override bool OnCommand(object message)
    {
        switch (message)
        {
            case GetProduct:
                if (State.IsRegistered) Sender.Tell(Accepted(State));
                else RefuseAndPassivate(Rejection.NotFound($"Product '{EntityId}' is not registered.", "productId"));
                return true;
            case IStockLedgerCommand command:
                // Ledger steps answer with the order's ledger entry (or a refusal naming product and order), never the whole state.
                var replyTo = Sender;
                var decision = ProductState.Decide(State, command);
                if (decision.Rejection is { } rejection)
                    replyTo.Tell(new ReservationRefused(EntityId, command.OrderId, rejection));
                else
                    PersistThen(decision.Events, state => replyTo.Tell(state.AnswerFor(command.OrderId)));
                return true;
            case IProductCommand command:
                Handle(ProductState.Decide(State, command), Accepted);
                return true;
            default:
                return false;
        }
    }

    public static Props Props(string productId, TimeProvider clock, int snapshotEvery) =>
        EntityMailbox.For(Akka.Actor.Props.Create(() => new ProductEntity(productId, clock, snapshotEvery)));

    protected override ProductState Apply(ProductState state, IProductEvent evt) => ProductState.Apply(state, evt);

    protected override IEntityReply Refusal(Rejection rejection) => new ProductReply.Rejected(rejection);

    private static ProductReply Accepted(ProductState state) => new ProductReply.Accepted(ProductView.Of(state));
}
