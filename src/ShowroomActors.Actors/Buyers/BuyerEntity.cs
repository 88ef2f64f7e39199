using Akka.Actor;
using ShowroomActors.Actors.Entities;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Actors.Buyers;

/// <summary>
/// The buyer entity (<c>buyer-{buyerId}</c>): account, annual plans and the purchase ledger with yearly tallies.
/// Logic lives in <see cref="BuyerState"/> and <see cref="BuyerQueries"/>; the ratio table comes from HOCON.
/// Answers with a <see cref="BuyerReply"/>: the ledger never leaves the entity.
/// </summary>
public sealed class BuyerEntity : ShowroomEntity<BuyerState, IBuyerEvent>
{
    private readonly RatioTable _ratios;

    public BuyerEntity(string buyerId, TimeProvider clock, int snapshotEvery, RatioTable ratios)
        : base(EntityTypes.Buyer, buyerId, BuyerState.Empty(buyerId), clock, snapshotEvery)
    {
        _ratios = ratios;
    }

    protected override bool OnCommand(object message)
    {
        switch (message)
        {
            case GetBuyer: Read(() => new BuyerReply.Account(BuyerView.Of(State))); return true;
            case GetCreditTarget: Read(() => new BuyerReply.Target(State.ToCreditTarget())); return true;
            case GetQuota q: Read(() => BuyerQueries.Quota(State, q.Year, Clock.GetUtcNow())); return true;
            case GetStatement s: Read(() => BuyerQueries.Statement(State, s.From, s.To)); return true;
            case IBuyerCommand command:
                Handle(BuyerState.Decide(State, command, Clock.GetUtcNow(), _ratios), state => Reply(command, state));
                return true;
            default:
                return false;
        }
    }

    public static Props Props(string buyerId, TimeProvider clock, int snapshotEvery, RatioTable ratios) =>
        EntityMailbox.For(Akka.Actor.Props.Create(() => new BuyerEntity(buyerId, clock, snapshotEvery, ratios)));

    protected override BuyerState Apply(BuyerState state, IBuyerEvent evt) => BuyerState.Apply(state, evt);

    protected override IEntityReply Refusal(Rejection rejection) => new BuyerReply.Rejected(rejection);

    protected override void OnPersisted(IReadOnlyList<IBuyerEvent> events) => QuotaMetrics.Persisted(events);

    private void Read(Func<BuyerReply> answer)
    {
        if (State.IsRegistered) Sender.Tell(answer());
        else RefuseAndPassivate(Rejection.NotFound($"Buyer '{EntityId}' is not registered.", "buyerId"));
    }

    /// <summary>The order process gets a small acknowledgement, an external purchase its record; everything else the account.</summary>
    private static BuyerReply Reply(IBuyerCommand command, BuyerState state) => command switch
    {
        CreditOrder c => new BuyerReply.CreditAcknowledged(new OrderCreditAck(c.BuyerId, c.OrderId, state.Orders[c.OrderId].Status)),
        ReverseOrder r => new BuyerReply.CreditAcknowledged(new OrderCreditAck(r.BuyerId, r.OrderId, state.Orders[r.OrderId].Status)),
        RecordExternalPurchase p => new BuyerReply.PurchaseRecorded(state.BuyerId, state.ExternalPurchases[ExternalPurchase.KeyOf(p.Reference, p.ViaUnionId)]),
        _ => new BuyerReply.Account(BuyerView.Of(state)),
    };
}
