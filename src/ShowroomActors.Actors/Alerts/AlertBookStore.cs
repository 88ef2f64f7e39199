using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using ShowroomActors.Actors.Configuration;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Domain.Alerts;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Shelves;
using static ShowroomActors.Actors.Persistence.SqlCommands;

namespace ShowroomActors.Actors.Alerts;

/// <summary>
/// The alert book's read model, in the journal's own database (portable SQL): one row per alert in <c>alerts</c>, the
/// webhook outbox (<see cref="WebhookStore"/>), and the projection's row in <c>projection_offsets</c>. Each batch of
/// health facts and acknowledgements changes the alerts, queues a delivery for every webhook that wants each change,
/// and moves the offset, in one transaction: a change is handled only once its deliveries are queued. Alert ids are
/// the kind and the journal ordering of the fact that opened it (<c>device-offline-1234</c>), so a rebuild from the
/// journal gives the same ids (and the same delivery ids, which the outbox already holds). Deleting the offset row
/// makes the next start rebuild the alerts from the journal.
/// </summary>
public sealed class AlertBookStore(ShowroomSettings settings)
{
    public const string ProjectionId = "alert-book";
    public const int MaxPage = 200;

    private const string Schema = ProjectionOffsets.Schema + """
        CREATE TABLE IF NOT EXISTS alerts (
            alert_id VARCHAR(96) NOT NULL PRIMARY KEY,
            kind VARCHAR(32) NOT NULL,
            state VARCHAR(16) NOT NULL,
            slot_id VARCHAR(64) NOT NULL,
            device_id VARCHAR(64) NULL,
            detail TEXT NOT NULL,
            opened_at_ms BIGINT NOT NULL,
            acknowledged_at_ms BIGINT NULL,
            acknowledged_by VARCHAR(16) NULL,
            resolved_at_ms BIGINT NULL,
            resolved_by VARCHAR(32) NULL,
            changed_ordinal BIGINT NOT NULL);
        CREATE INDEX IF NOT EXISTS alerts_slot_kind ON alerts (slot_id, kind, resolved_at_ms);
        CREATE INDEX IF NOT EXISTS alerts_state_opened ON alerts (state, opened_at_ms);
        CREATE INDEX IF NOT EXISTS alerts_changed ON alerts (changed_ordinal)
        """ + ";" + WebhookStore.Schema;

    private const string Columns = "alert_id, kind, state, slot_id, device_id, detail, opened_at_ms, acknowledged_at_ms, acknowledged_by, resolved_at_ms, resolved_by, changed_ordinal";

    private volatile bool _schemaReady;

    public ShowroomSettings Settings => settings;

    /// <summary>Creates the tables if missing and returns the offset to resume after (no offset: the alerts are cleared).</summary>
    public async Task<long> StartAsync(CancellationToken cancel)
    {
        _schemaReady = false;
        await EnsureSchemaAsync(cancel);
        return await ProjectionOffsets.ResumeOrClearAsync(settings, ProjectionId, ["alerts"], cancel);
    }

    /// <summary>
    /// Folds one batch of health facts and acknowledgements (in journal order, with the time each was recorded) into
    /// the book, queues their webhook deliveries and moves the offset past the batch, in one transaction.
    /// </summary>
    public async Task<AlertBatchResult> ApplyAsync(IReadOnlyList<(long Ordinal, IDomainEvent? Event, DateTimeOffset At)> batch, DateTimeOffset now, CancellationToken cancel)
    {
        if (batch.Count == 0) throw new ArgumentException("An empty batch has no offset.", nameof(batch));
        await using var connection = await JournalStore.OpenAsync(settings, cancel);
        await using var tx = await connection.BeginTransactionAsync(cancel);
        var changes = new List<AlertChange>();
        var hooks = await WebhookStore.SubscribersAsync(connection, tx, cancel);
        foreach (var (ordinal, e, at) in batch)
        {
            var before = changes.Count;
            switch (e)
            {
                case ISlotEvent slotEvent:
                    foreach (var effect in AlertRules.For(slotEvent)) await ApplyAsync(connection, tx, effect, ordinal, at, changes, cancel);
                    break;
                case AlertAcknowledged ack:
                    await AcknowledgeAsync(connection, tx, ack, ordinal, changes, cancel);
                    break;
            }
            for (var n = before; n < changes.Count; n++)
                await WebhookStore.QueueAsync(connection, tx, hooks, changes[n], $"{ordinal}-{n - before}", now, cancel);
        }
        var last = batch[^1].Ordinal;
        await Execute(connection, tx, ProjectionOffsets.Save, cancel,
            SqlParam.Text("@id", ProjectionId), SqlParam.Int64("@ordinal", last), SqlParam.Int64("@events", batch.Count),
            SqlParam.Text("@at", now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)));
        await tx.CommitAsync(cancel);
        return new AlertBatchResult(last, changes);
    }

    private static async Task ApplyAsync(DbConnection connection, DbTransaction tx, AlertEffect effect, long ordinal, DateTimeOffset at, List<AlertChange> changes, CancellationToken cancel)
    {
        switch (effect)
        {
            case AlertEffect.Open open:
                if (await UnresolvedAsync(connection, tx, open.SlotId, [open.Kind], cancel) is { Count: > 0 }) return;
                var alertId = $"{open.Kind}-{ordinal.ToString(CultureInfo.InvariantCulture)}";
                await Execute(connection, tx, $"""
                    INSERT INTO alerts ({Columns}) VALUES (@id, @kind, 'open', @slot, @device, @detail, @at, NULL, NULL, NULL, NULL, @ordinal)
                    ON CONFLICT (alert_id) DO NOTHING
                    """, cancel,
                    SqlParam.Text("@id", alertId), SqlParam.Text("@kind", open.Kind), SqlParam.Text("@slot", open.SlotId),
                    SqlParam.Text("@device", open.DeviceId), SqlParam.Text("@detail", JsonSerializer.Serialize(open.Detail, AlertJson.Instance.AlertDetail)),
                    SqlParam.Int64("@at", at.ToUnixTimeMilliseconds()), SqlParam.Int64("@ordinal", ordinal));
                changes.Add(new AlertChange(AlertChanges.Opened, at, (await FindAsync(connection, tx, alertId, cancel))!));
                return;
            case AlertEffect.Resolve resolve:
                foreach (var id in await UnresolvedAsync(connection, tx, resolve.SlotId, [resolve.Kind], cancel))
                    await ResolveAsync(connection, tx, id, resolve.Reason, ordinal, at, changes, cancel);
                return;
            case AlertEffect.Rebound rebound:
                foreach (var id in await UnresolvedAsync(connection, tx, rebound.SlotId, AlertKinds.All.Where(AlertKinds.IsAboutDevice).ToList(), cancel, otherThanDevice: rebound.DeviceId ?? ""))
                    await ResolveAsync(connection, tx, id, "rebound", ordinal, at, changes, cancel);
                return;
        }
    }

    private static async Task ResolveAsync(DbConnection connection, DbTransaction tx, string alertId, string reason, long ordinal, DateTimeOffset at, List<AlertChange> changes, CancellationToken cancel)
    {
        await Execute(connection, tx,
            "UPDATE alerts SET state = 'resolved', resolved_at_ms = @at, resolved_by = @reason, changed_ordinal = @ordinal WHERE alert_id = @id", cancel,
            SqlParam.Text("@id", alertId), SqlParam.Int64("@at", at.ToUnixTimeMilliseconds()), SqlParam.Text("@reason", reason), SqlParam.Int64("@ordinal", ordinal));
        changes.Add(new AlertChange(AlertChanges.Resolved, at, (await FindAsync(connection, tx, alertId, cancel))!));
    }

    private static async Task AcknowledgeAsync(DbConnection connection, DbTransaction tx, AlertAcknowledged ack, long ordinal, List<AlertChange> changes, CancellationToken cancel)
    {
        await using var command = Command(connection, tx, """
            UPDATE alerts SET acknowledged_at_ms = @at, acknowledged_by = @by, changed_ordinal = @ordinal,
                state = CASE WHEN resolved_at_ms IS NULL THEN 'acknowledged' ELSE state END
            WHERE alert_id = @id AND acknowledged_at_ms IS NULL
            """,
            SqlParam.Text("@id", ack.AlertId), SqlParam.Int64("@at", ack.At.ToUnixTimeMilliseconds()), SqlParam.Text("@by", ack.By), SqlParam.Int64("@ordinal", ordinal));
        if (await command.ExecuteNonQueryAsync(cancel) == 0) return;
        changes.Add(new AlertChange(AlertChanges.Acknowledged, ack.At, (await FindAsync(connection, tx, ack.AlertId, cancel))!));
    }

    /// <summary>The slot's unresolved alerts of <paramref name="kinds"/> (only those about another device than <paramref name="otherThanDevice"/>, when given).</summary>
    private static async Task<List<string>> UnresolvedAsync(DbConnection connection, DbTransaction tx, string slotId, IReadOnlyList<string> kinds, CancellationToken cancel, string? otherThanDevice = null)
    {
        var parameters = new List<SqlParam> { SqlParam.Text("@slot", slotId) };
        var names = new List<string>();
        for (var i = 0; i < kinds.Count; i++)
        {
            names.Add($"@k{i}");
            parameters.Add(SqlParam.Text($"@k{i}", kinds[i]));
        }
        var sql = $"SELECT alert_id FROM alerts WHERE slot_id = @slot AND resolved_at_ms IS NULL AND kind IN ({string.Join(", ", names)})";
        if (otherThanDevice is not null)
        {
            sql += " AND (device_id IS NULL OR device_id <> @device)";
            parameters.Add(SqlParam.Text("@device", otherThanDevice));
        }
        await using var command = Command(connection, tx, sql, parameters.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancel);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancel)) ids.Add(reader.GetString(0));
        return ids;
    }

    private static async Task<AlertView?> FindAsync(DbConnection connection, DbTransaction? tx, string alertId, CancellationToken cancel)
    {
        await using var command = Command(connection, tx, $"SELECT {Columns} FROM alerts WHERE alert_id = @id", SqlParam.Text("@id", alertId));
        await using var reader = await command.ExecuteReaderAsync(cancel);
        return await reader.ReadAsync(cancel) ? Row(reader) : null;
    }

    /// <summary>One alert, or null.</summary>
    public async Task<AlertView?> GetAsync(string alertId, CancellationToken cancel)
    {
        await EnsureSchemaAsync(cancel);
        await using var connection = await JournalStore.OpenAsync(settings, cancel);
        return await FindAsync(connection, null, alertId, cancel);
    }

    /// <summary>
    /// Alerts in <paramref name="state"/> (null: open and acknowledged, the unresolved ones), on <paramref name="slotId"/>
    /// (null: any), newest first, skipping <paramref name="skip"/>, at most <paramref name="take"/>.
    /// </summary>
    public async Task<IReadOnlyList<AlertView>> ListAsync(AlertState? state, string? slotId, int skip, int take, CancellationToken cancel)
    {
        await EnsureSchemaAsync(cancel);
        var parameters = new List<SqlParam>
        {
            SqlParam.Int32("@take", Math.Clamp(take, 1, MaxPage)),
            SqlParam.Int32("@skip", Math.Max(0, skip)),
        };
        var where = new List<string>();
        if (state is { } s)
        {
            where.Add("state = @state");
            parameters.Add(SqlParam.Text("@state", StateName(s)));
        }
        else where.Add("state IN ('open', 'acknowledged')");
        if (slotId is not null)
        {
            where.Add("slot_id = @slot");
            parameters.Add(SqlParam.Text("@slot", slotId));
        }
        var sql = $"SELECT {Columns} FROM alerts WHERE {string.Join(" AND ", where)} ORDER BY opened_at_ms DESC, alert_id LIMIT @take OFFSET @skip";
        return await ReadAsync(sql, parameters, cancel);
    }

    /// <summary>Alerts whose last change is after journal ordering <paramref name="after"/>, in the order of their changes.</summary>
    public async Task<IReadOnlyList<AlertView>> ChangedSinceAsync(long after, int take, CancellationToken cancel)
    {
        await EnsureSchemaAsync(cancel);
        return await ReadAsync($"SELECT {Columns} FROM alerts WHERE changed_ordinal > @after ORDER BY changed_ordinal, alert_id LIMIT @take",
            [SqlParam.Int64("@after", after), SqlParam.Int32("@take", Math.Clamp(take, 1, MaxPage))], cancel);
    }

    /// <summary>The journal ordering of the book's latest change (0 when it has none).</summary>
    public async Task<long> LatestChangeAsync(CancellationToken cancel)
    {
        await EnsureSchemaAsync(cancel);
        await using var connection = await JournalStore.OpenAsync(settings, cancel);
        var value = await Scalar(connection, null, "SELECT MAX(changed_ordinal) FROM alerts", cancel);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    /// <summary>How far the book has read the journal (0 before its first batch).</summary>
    public async Task<long> OffsetAsync(CancellationToken cancel)
    {
        await EnsureSchemaAsync(cancel);
        await using var connection = await JournalStore.OpenAsync(settings, cancel);
        return await OffsetAsync(connection, null, cancel);
    }

    internal static async Task<long> OffsetAsync(DbConnection connection, DbTransaction? tx, CancellationToken cancel)
    {
        var value = await Scalar(connection, tx, "SELECT ordinal FROM projection_offsets WHERE projection_id = @id", cancel, SqlParam.Text("@id", ProjectionId));
        return value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    private async Task<IReadOnlyList<AlertView>> ReadAsync(string sql, IReadOnlyList<SqlParam> parameters, CancellationToken cancel)
    {
        await using var connection = await JournalStore.OpenAsync(settings, cancel);
        await using var command = Command(connection, null, sql, parameters.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancel);
        var rows = new List<AlertView>();
        while (await reader.ReadAsync(cancel)) rows.Add(Row(reader));
        return rows;
    }

    public static string StateName(AlertState state) => state switch
    {
        AlertState.Open => "open",
        AlertState.Acknowledged => "acknowledged",
        _ => "resolved",
    };

    private static AlertState ParseState(string name) => name switch
    {
        "open" => AlertState.Open,
        "acknowledged" => AlertState.Acknowledged,
        _ => AlertState.Resolved,
    };

    private static AlertView Row(DbDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        ParseState(r.GetString(2)),
        r.GetString(3),
        r.IsDBNull(4) ? null : r.GetString(4),
        JsonSerializer.Deserialize(r.GetString(5), AlertJson.Instance.AlertDetail) ?? new AlertDetail(),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6)),
        r.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(7)),
        r.IsDBNull(8) ? null : r.GetString(8),
        r.IsDBNull(9) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(9)),
        r.IsDBNull(10) ? null : r.GetString(10),
        r.GetInt64(11));

    internal async Task EnsureSchemaAsync(CancellationToken cancel)
    {
        if (_schemaReady) return;
        await ProjectionOffsets.CreateSchemaAsync(settings, Schema, cancel);
        _schemaReady = true;
    }
}

/// <summary>One change to an alert: <c>Change</c> is <c>alert.opened</c>, <c>alert.acknowledged</c> or <c>alert.resolved</c>, at <c>At</c>; <c>Alert</c> the alert after it.</summary>
public sealed record AlertChange(string Change, DateTimeOffset At, AlertView Alert);

/// <summary>A committed batch: the journal ordering reached and the alert changes it made, in order.</summary>
public sealed record AlertBatchResult(long Offset, IReadOnlyList<AlertChange> Changes);
