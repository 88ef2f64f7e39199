using Akka.Actor;
using ShowroomActors.Actors.Entities;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Actors.Buyers;

/// <summary>
/// The buyer entity (<c>buyer-{buyerId}</c>): account, annual plans and the purchase ledger with yearly tallies.
/// Logic lives in <see cref="BuyerState"/> and <see cref="BuyerQueries"/>; the ratio table comes from HOCON.
/// </summary>
public sealed class BuyerEntity : ShowroomEntity<BuyerState, IBuyerEvent>
{
    public BuyerEntity(string buyerId, TimeProvider clock, int snapshotEvery, RatioTable ratios)
        : base(EntityTypes.Buyer, buyerId, BuyerState.Empty(buyerId), clock, snapshotEvery)
    {
        Command<GetBuyer>(_ => Read(() => State));
        Command<GetCreditTarget>(_ => Read(() => State.ToCreditTarget()));
        Command<GetQuota>(q => Read(() => BuyerQueries.Quota(State, q.Year, Clock.GetUtcNow())));
        Command<GetStatement>(s => Read(() => BuyerQueries.Statement(State, s.From, s.To)));
        Command<IBuyerCommand>(command =>
            Handle(BuyerState.Decide(State, command, Clock.GetUtcNow(), ratios), state => Reply(command, state)));
    }

    public static Props Props(string buyerId, TimeProvider clock, int snapshotEvery, RatioTable ratios) =>
        Akka.Actor.Props.Create(() => new BuyerEntity(buyerId, clock, snapshotEvery, ratios));

    protected override BuyerState Apply(BuyerState state, IBuyerEvent evt) => BuyerState.Apply(state, evt);

    private void Read(Func<object> answer)
    {
        if (State.IsRegistered) Sender.Tell(answer());
        else ReplyAndPassivate(Rejection.NotFound($"Buyer '{EntityId}' is not registered.", "buyerId"));
    }

    /// <summary>The order process gets a small acknowledgement; everything else gets the account.</summary>
    private static object Reply(IBuyerCommand command, BuyerState state) => command switch
    {
        CreditOrder c => new OrderCreditAck(c.BuyerId, c.OrderId, state.Orders[c.OrderId].Status),
        ReverseOrder r => new OrderCreditAck(r.BuyerId, r.OrderId, state.Orders[r.OrderId].Status),
        _ => state,
    };
}
