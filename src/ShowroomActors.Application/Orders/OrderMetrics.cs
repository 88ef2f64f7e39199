using System.Data.Common;
using System.Diagnostics.Metrics;
using ShowroomActors.Actors.Metrics;
using ShowroomActors.Actors.Orders;
using ShowroomActors.Domain.Orders;

namespace ShowroomActors.Application.Orders;

/// <summary>
/// <c>showroom_orders</c> by <c>status</c>: how many orders have each status now, read from the order board projection
/// (<see cref="OrderBoardStore"/>, one indexed <c>GROUP BY</c>) when the metrics are collected, every status listed (0
/// when none has it). The board is in the journal's database, so every node of a cluster reports the same figures:
/// aggregate them with <c>max</c>, not <c>sum</c>. It lags the orders as the board does (well under a second).
/// The gauge's meter comes from the host's <see cref="IMeterFactory"/> and goes away with it.
/// </summary>
public sealed class OrderMetrics
{
    /// <summary>A collection that cannot read the board within this reports nothing for the gauge rather than hang the scrape.</summary>
    private static readonly TimeSpan ReadLimit = TimeSpan.FromSeconds(5);

    private readonly OrderBoardStore _store;

    public OrderMetrics(OrderBoardStore store, IMeterFactory meters)
    {
        _store = store;
        meters.Create(ShowroomMeter.Name).CreateObservableGauge("showroom.orders", Observe, "{order}", "Orders by status, from the order board.");
    }

    private IEnumerable<Measurement<int>> Observe()
    {
        IReadOnlyDictionary<OrderStatus, int> counts;
        try
        {
            using var limit = new CancellationTokenSource(ReadLimit);
            counts = _store.CountAsync(limit.Token).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is DbException or OperationCanceledException)
        {
            return [];
        }
        return Enum.GetValues<OrderStatus>().Select(status =>
            new Measurement<int>(counts.GetValueOrDefault(status), new KeyValuePair<string, object?>("status", status.ToString().ToLowerInvariant())));
    }
}
