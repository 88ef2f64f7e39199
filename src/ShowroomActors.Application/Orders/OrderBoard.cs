using System.Data.Common;
using ShowroomActors.Actors.Orders;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Orders;

namespace ShowroomActors.Application.Orders;

/// <summary>A page of the orders board: how many orders each status has, and the orders the filter picked.</summary>
public sealed record OrderBoardPage(IReadOnlyDictionary<OrderStatus, int> Counts, IReadOnlyList<OrderBoardRow> Orders);

/// <summary>
/// The orders board: orders by status, channel and buyer, newest first, from the order board projection
/// (<see cref="OrderBoardStore"/>, in the journal's database; it lags the orders by well under a second).
/// </summary>
public sealed class OrderBoard(OrderBoardStore store)
{
    public async Task<Outcome<OrderBoardPage>> ReadAsync(OrderStatus? status, OrderChannel? channel, string? buyerId, int skip, int take, CancellationToken cancel)
    {
        if (buyerId is not null && Ids.Check(buyerId, "buyerId") is { } invalid) return invalid;
        try
        {
            var counts = await store.CountAsync(cancel);
            var orders = await store.ListAsync(status, channel, buyerId, skip, take, cancel);
            return new OrderBoardPage(counts, orders);
        }
        catch (DbException e)
        {
            return Rejection.Unavailable($"The orders board could not be read ({e.Message}); retry.");
        }
    }
}
