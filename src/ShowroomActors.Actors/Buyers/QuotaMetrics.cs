using System.Diagnostics.Metrics;
using ShowroomActors.Actors.Metrics;
using ShowroomActors.Domain.Buyers;

namespace ShowroomActors.Actors.Buyers;

/// <summary>
/// <c>showroom_quota_credited_fen_total</c>: certified spend (fen) credited to buyers' procurement quotas, counted when
/// the buyer entity has persisted the credit (tag <c>source</c>: <c>order</c> for showroom orders, <c>external</c> for
/// purchases recorded from elsewhere). Reversals (refunds) are not subtracted: they are counted in
/// <c>showroom_quota_reversed_fen_total</c>, so a counter never goes down.
/// </summary>
public static class QuotaMetrics
{
    private static readonly Counter<long> Credited = ShowroomMeter.Meter.CreateCounter<long>(
        "showroom.quota.credited", "fen", "Certified spend credited to buyers' quotas.");
    private static readonly Counter<long> Reversed = ShowroomMeter.Meter.CreateCounter<long>(
        "showroom.quota.reversed", "fen", "Certified spend taken out of buyers' quotas by refunds.");

    public static void Persisted(IReadOnlyList<IBuyerEvent> events)
    {
        foreach (var e in events)
        {
            switch (e)
            {
                case OrderCredited c when c.CertifiedFen.Value > 0:
                    Credited.Add(c.CertifiedFen.Value, new KeyValuePair<string, object?>("source", "order"));
                    break;
                case ExternalPurchaseRecorded p when p.Certified && p.Amount.Value > 0:
                    Credited.Add(p.Amount.Value, new KeyValuePair<string, object?>("source", "external"));
                    break;
                case OrderReversed r when r.CertifiedFen.Value > 0:
                    Reversed.Add(r.CertifiedFen.Value);
                    break;
            }
        }
    }
}
