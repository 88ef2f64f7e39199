using System.Data.Common;
using System.Globalization;
using ShowroomActors.Actors.Configuration;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Domain.Orders;
using static ShowroomActors.Actors.Persistence.SqlCommands;

namespace ShowroomActors.Actors.Orders;

/// <summary>
/// The orders board's read model, in the journal's own database (portable SQL): one row per order in
/// <c>order_board</c> (status, channel, buyer, slot, total, when placed and last changed), indexed by status and by
/// placement time, and the projection's row in <c>projection_offsets</c>. Each batch of order events changes the rows
/// and the offset in one transaction. Deleting the offset row makes the next start rebuild the rows from the journal.
/// </summary>
public sealed class OrderBoardStore(ShowroomSettings settings)
{
    public const string ProjectionId = "order-board";
    /// <summary>The most rows one page of the board holds.</summary>
    public const int MaxPage = 200;

    private const string Schema = ProjectionOffsets.Schema + """
        CREATE TABLE IF NOT EXISTS order_board (
            order_id VARCHAR(64) NOT NULL PRIMARY KEY,
            status VARCHAR(16) NOT NULL,
            channel VARCHAR(8) NOT NULL,
            buyer_id VARCHAR(64) NULL,
            slot_id VARCHAR(64) NULL,
            total_fen BIGINT NULL,
            placed_at_ms BIGINT NOT NULL,
            updated_at_ms BIGINT NOT NULL);
        CREATE INDEX IF NOT EXISTS order_board_status_placed ON order_board (status, placed_at_ms);
        CREATE INDEX IF NOT EXISTS order_board_placed ON order_board (placed_at_ms)
        """;

    private const string Insert = """
        INSERT INTO order_board (order_id, status, channel, buyer_id, slot_id, total_fen, placed_at_ms, updated_at_ms)
        VALUES (@id, @status, @channel, @buyer, @slot, NULL, @at, @at)
        ON CONFLICT (order_id) DO NOTHING
        """;

    private volatile bool _schemaReady;

    /// <summary>Creates the table if missing and returns the offset to resume after (no offset: the rows are cleared).</summary>
    public async Task<long> StartAsync(CancellationToken cancel)
    {
        _schemaReady = false;
        await EnsureSchemaAsync(cancel);
        return await ProjectionOffsets.ResumeOrClearAsync(settings, ProjectionId, ["order_board"], cancel);
    }

    /// <summary>Folds one batch of order events (in journal order) into the board and moves the offset past it, in one transaction.</summary>
    public async Task<long> ApplyAsync(IReadOnlyList<(long Ordinal, IOrderEvent? Event)> batch, DateTimeOffset now, CancellationToken cancel)
    {
        if (batch.Count == 0) throw new ArgumentException("An empty batch has no offset.", nameof(batch));
        await using var connection = await JournalStore.OpenAsync(settings, cancel);
        await using var tx = await connection.BeginTransactionAsync(cancel);
        foreach (var (_, e) in batch)
        {
            if (e is null) continue;
            if (e is OrderPlaced placed)
            {
                await Execute(connection, tx, Insert, cancel,
                    SqlParam.Text("@id", placed.OrderId), SqlParam.Text("@status", nameof(OrderStatus.Placed)),
                    SqlParam.Text("@channel", placed.Request.Channel.ToString()), SqlParam.Text("@buyer", placed.Request.BuyerId),
                    SqlParam.Text("@slot", placed.Request.SlotId), SqlParam.Int64("@at", placed.At.ToUnixTimeMilliseconds()));
                continue;
            }
            if (StatusAfter(e) is not { } status) continue;
            var total = e is OrderReserved reserved ? reserved.Total.Value : (long?)null;
            await Execute(connection, tx,
                "UPDATE order_board SET status = @status, updated_at_ms = @at, total_fen = COALESCE(@total, total_fen) WHERE order_id = @id", cancel,
                SqlParam.Text("@id", e.OrderId), SqlParam.Text("@status", status.ToString()),
                SqlParam.Int64("@at", e.At.ToUnixTimeMilliseconds()), SqlParam.Int64("@total", total));
        }
        var last = batch[^1].Ordinal;
        await Execute(connection, tx, ProjectionOffsets.Save, cancel,
            SqlParam.Text("@id", ProjectionId), SqlParam.Int64("@ordinal", last), SqlParam.Int64("@events", batch.Count),
            SqlParam.Text("@at", now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)));
        await tx.CommitAsync(cancel);
        return last;
    }

    /// <summary>The status an order has after <paramref name="e"/>, or null when the event does not change it.</summary>
    public static OrderStatus? StatusAfter(IOrderEvent e) => e switch
    {
        OrderPlaced => OrderStatus.Placed,
        OrderReserved => OrderStatus.Reserved,
        OrderRejected or OrderDeclined => OrderStatus.Rejected,
        OrderPaid => OrderStatus.Paid,
        OrderShipped => OrderStatus.Shipped,
        OrderDelivered => OrderStatus.Delivered,
        OrderInspected => OrderStatus.Inspected,
        OrderCancelled or OrderExpired => OrderStatus.Cancelled,
        OrderRefunded => OrderStatus.Refunded,
        _ => null,
    };

    /// <summary>How many orders have each status (statuses without orders are left out).</summary>
    public async Task<IReadOnlyDictionary<OrderStatus, int>> CountAsync(CancellationToken cancel)
    {
        await EnsureSchemaAsync(cancel);
        await using var connection = await JournalStore.OpenAsync(settings, cancel);
        await using var command = Command(connection, null, "SELECT status, COUNT(*) FROM order_board GROUP BY status");
        await using var reader = await command.ExecuteReaderAsync(cancel);
        var counts = new Dictionary<OrderStatus, int>();
        while (await reader.ReadAsync(cancel)) counts[Enum.Parse<OrderStatus>(reader.GetString(0))] = (int)reader.GetInt64(1);
        return counts;
    }

    /// <summary>
    /// One page of the board, newest placement first: orders with <paramref name="status"/> and <paramref name="channel"/>
    /// (null: any), of <paramref name="buyerId"/> (null: any), skipping <paramref name="skip"/>, at most <paramref name="take"/>.
    /// </summary>
    public async Task<IReadOnlyList<OrderBoardRow>> ListAsync(OrderStatus? status, OrderChannel? channel, string? buyerId, int skip, int take, CancellationToken cancel)
    {
        await EnsureSchemaAsync(cancel);
        var where = new List<string>();
        var parameters = new List<SqlParam>
        {
            SqlParam.Int32("@take", Math.Clamp(take, 1, MaxPage)),
            SqlParam.Int32("@skip", Math.Max(0, skip)),
        };
        if (status is { } s)
        {
            where.Add("status = @status");
            parameters.Add(SqlParam.Text("@status", s.ToString()));
        }
        if (channel is { } c)
        {
            where.Add("channel = @channel");
            parameters.Add(SqlParam.Text("@channel", c.ToString()));
        }
        if (buyerId is not null)
        {
            where.Add("buyer_id = @buyer");
            parameters.Add(SqlParam.Text("@buyer", buyerId));
        }
        var sql = "SELECT order_id, status, channel, buyer_id, slot_id, total_fen, placed_at_ms, updated_at_ms FROM order_board"
                  + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "")
                  + " ORDER BY placed_at_ms DESC, order_id LIMIT @take OFFSET @skip";
        await using var connection = await JournalStore.OpenAsync(settings, cancel);
        await using var command = Command(connection, null, sql, parameters.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancel);
        var rows = new List<OrderBoardRow>();
        while (await reader.ReadAsync(cancel)) rows.Add(Row(reader));
        return rows;
    }

    private static OrderBoardRow Row(DbDataReader reader) => new(
        reader.GetString(0),
        Enum.Parse<OrderStatus>(reader.GetString(1)),
        Enum.Parse<OrderChannel>(reader.GetString(2)),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetInt64(5),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)));

    private async Task EnsureSchemaAsync(CancellationToken cancel)
    {
        if (_schemaReady) return;
        await ProjectionOffsets.CreateSchemaAsync(settings, Schema, cancel);
        _schemaReady = true;
    }
}

/// <summary>One order on the board: its status as of the projection, and its total once its stock is reserved (fen).</summary>
public sealed record OrderBoardRow(
    string OrderId, OrderStatus Status, OrderChannel Channel, string? BuyerId, string? SlotId, long? TotalFen, DateTimeOffset PlacedAt, DateTimeOffset UpdatedAt);
