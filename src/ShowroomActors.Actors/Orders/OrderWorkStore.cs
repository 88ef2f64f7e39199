using System.Data.Common;
using System.Globalization;
using ShowroomActors.Actors.Configuration;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Domain.Orders;
using static ShowroomActors.Actors.Persistence.SqlCommands;

namespace ShowroomActors.Actors.Orders;

/// <summary>
/// The order sweeper's read model, in the journal's own database (SQLite or PostgreSQL, portable SQL): one row per
/// unfinished order in <c>order_work</c> (its <see cref="OrderWork"/> and when it must be running, <c>wake_at_ms</c>)
/// and the projection's row in <c>projection_offsets</c>. Each batch of order events changes the rows and the offset in
/// one transaction, so a restart resumes exactly where the rows are. A finished order's row is deleted. Deleting the
/// offset row makes the next start rebuild the rows from the journal.
/// </summary>
public sealed class OrderWorkStore(ShowroomSettings settings)
{
    public const string ProjectionId = "order-work";

    private const string Schema = ProjectionOffsets.Schema + """
        CREATE TABLE IF NOT EXISTS order_work (
            order_id VARCHAR(64) NOT NULL PRIMARY KEY,
            ledger VARCHAR(16) NOT NULL,
            payment_due_ms BIGINT NULL,
            quota_pending INTEGER NOT NULL,
            last_event_ms BIGINT NOT NULL,
            wake_at_ms BIGINT NULL);
        CREATE INDEX IF NOT EXISTS order_work_wake_at ON order_work (wake_at_ms)
        """;

    private const string Upsert = """
        INSERT INTO order_work (order_id, ledger, payment_due_ms, quota_pending, last_event_ms, wake_at_ms)
        VALUES (@id, @ledger, @due, @quota, @last, @wake)
        ON CONFLICT (order_id) DO UPDATE SET ledger = excluded.ledger, payment_due_ms = excluded.payment_due_ms,
            quota_pending = excluded.quota_pending, last_event_ms = excluded.last_event_ms, wake_at_ms = excluded.wake_at_ms
        """;

    private volatile bool _schemaReady;

    /// <summary>
    /// Creates the table if missing and returns the offset to resume after. Without a stored offset the rows are cleared
    /// (in the same transaction) so the projection rebuilds them from the start of the journal.
    /// </summary>
    public async Task<long> StartAsync(CancellationToken cancel)
    {
        _schemaReady = false;
        await EnsureSchemaAsync(cancel);
        return await ProjectionOffsets.ResumeOrClearAsync(settings, ProjectionId, ["order_work"], cancel);
    }

    /// <summary>
    /// Folds one batch of order events (in journal order) into the rows of their orders and moves the offset past it, in
    /// one transaction. <paramref name="grace"/>: how long open work may take before its order counts as lost.
    /// </summary>
    public async Task<long> ApplyAsync(IReadOnlyList<(long Ordinal, IOrderEvent? Event)> batch, TimeSpan grace, DateTimeOffset now, CancellationToken cancel)
    {
        if (batch.Count == 0) throw new ArgumentException("An empty batch has no offset.", nameof(batch));
        await using var connection = await JournalStore.OpenAsync(settings, cancel);
        await using var tx = await connection.BeginTransactionAsync(cancel);

        var events = batch.Where(b => b.Event is not null).Select(b => b.Event!).ToList();
        var work = await ReadAsync(connection, tx, events.Select(e => e.OrderId).Distinct().ToList(), cancel);
        foreach (var e in events)
            work[e.OrderId] = OrderWork.Apply(work.TryGetValue(e.OrderId, out var known) ? known : OrderWork.Finished(e.At), e);
        foreach (var (orderId, w) in work)
        {
            if (w.IsFinished)
                await Execute(connection, tx, "DELETE FROM order_work WHERE order_id = @id", cancel, SqlParam.Text("@id", orderId));
            else
                await Execute(connection, tx, Upsert, cancel,
                    SqlParam.Text("@id", orderId), SqlParam.Text("@ledger", w.Ledger.ToString()), SqlParam.Int64("@due", w.PaymentDue?.ToUnixTimeMilliseconds()),
                    SqlParam.Int32("@quota", w.QuotaPending), SqlParam.Int64("@last", w.LastEventAt.ToUnixTimeMilliseconds()),
                    SqlParam.Int64("@wake", w.WakeAt(grace)?.ToUnixTimeMilliseconds()));
        }

        var last = batch[^1].Ordinal;
        await Execute(connection, tx, ProjectionOffsets.Save, cancel,
            SqlParam.Text("@id", ProjectionId), SqlParam.Int64("@ordinal", last), SqlParam.Int64("@events", batch.Count),
            SqlParam.Text("@at", now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)));
        await tx.CommitAsync(cancel);
        return last;
    }

    /// <summary>Orders that must be running at <paramref name="now"/>, earliest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<string>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancel)
    {
        await EnsureSchemaAsync(cancel);
        await using var connection = await JournalStore.OpenAsync(settings, cancel);
        await using var command = Command(connection, null,
            "SELECT order_id FROM order_work WHERE wake_at_ms <= @now ORDER BY wake_at_ms LIMIT @limit",
            SqlParam.Int64("@now", now.ToUnixTimeMilliseconds()), SqlParam.Int32("@limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancel);
        var due = new List<string>();
        while (await reader.ReadAsync(cancel)) due.Add(reader.GetString(0));
        return due;
    }

    /// <summary>The rows of <paramref name="orderIds"/> that exist.</summary>
    private static async Task<Dictionary<string, OrderWork>> ReadAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<string> orderIds, CancellationToken cancel)
    {
        var work = new Dictionary<string, OrderWork>(StringComparer.Ordinal);
        for (var start = 0; start < orderIds.Count; start += 200)
        {
            var chunk = orderIds.Skip(start).Take(200).ToList();
            var names = chunk.Select((_, i) => $"@o{i}").ToList();
            await using var command = Command(connection, tx,
                $"SELECT order_id, ledger, payment_due_ms, quota_pending, last_event_ms FROM order_work WHERE order_id IN ({string.Join(", ", names)})",
                chunk.Select((id, i) => SqlParam.Text(names[i], id)).ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancel);
            while (await reader.ReadAsync(cancel))
                work[reader.GetString(0)] = new OrderWork(
                    Enum.Parse<LedgerStep>(reader.GetString(1)),
                    reader.IsDBNull(2) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                    (int)reader.GetInt64(3),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)));
        }
        return work;
    }

    private async Task EnsureSchemaAsync(CancellationToken cancel)
    {
        if (_schemaReady) return;
        await ProjectionOffsets.CreateSchemaAsync(settings, Schema, cancel);
        _schemaReady = true;
    }
}
