using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Domain.Alerts;
using static ShowroomActors.Actors.Persistence.SqlCommands;

namespace ShowroomActors.Actors.Alerts;

/// <summary>
/// Webhooks and their outbox, beside the alert book in the journal's database. <c>webhooks</c> holds each receiver's
/// URL, filters and signing secret: configuration, not a fact of the showroom, and kept out of the journal on purpose
/// (the journal is readable by auditors; a secret there would be published). <c>webhook_outbox</c> holds one row per
/// delivery: queued by the alert book in the same transaction as the change (<see cref="QueueAsync"/>), attempted and
/// retried by the <see cref="WebhookDispatcher"/> until the receiver answers 2xx, so a restart resumes what is pending.
/// A webhook receives the changes the book makes after it was created (<c>from_ordinal</c>).
/// </summary>
public sealed class WebhookStore(AlertBookStore book)
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS webhooks (
            webhook_id VARCHAR(40) NOT NULL PRIMARY KEY,
            url TEXT NOT NULL,
            events VARCHAR(200) NULL,
            kinds VARCHAR(200) NULL,
            secret VARCHAR(100) NOT NULL,
            from_ordinal BIGINT NOT NULL,
            created_at_ms BIGINT NOT NULL);
        CREATE TABLE IF NOT EXISTS webhook_outbox (
            delivery_id VARCHAR(96) NOT NULL PRIMARY KEY,
            webhook_id VARCHAR(40) NOT NULL,
            alert_id VARCHAR(96) NOT NULL,
            event VARCHAR(32) NOT NULL,
            body TEXT NOT NULL,
            created_at_ms BIGINT NOT NULL,
            attempts INTEGER NOT NULL,
            next_attempt_ms BIGINT NOT NULL,
            delivered_at_ms BIGINT NULL,
            last_status INTEGER NULL,
            last_error VARCHAR(300) NULL);
        CREATE INDEX IF NOT EXISTS webhook_outbox_due ON webhook_outbox (delivered_at_ms, next_attempt_ms);
        CREATE INDEX IF NOT EXISTS webhook_outbox_hook ON webhook_outbox (webhook_id)
        """;

    /// <summary>Registers a webhook; its secret is returned here and never again.</summary>
    public async Task<(WebhookView Webhook, string Secret)> CreateAsync(Uri url, IReadOnlyList<string>? events, IReadOnlyList<string>? kinds, DateTimeOffset now, CancellationToken cancel)
    {
        await book.EnsureSchemaAsync(cancel);
        var id = "wh-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        await using var connection = await JournalStore.OpenAsync(book.Settings, cancel);
        await using var tx = await connection.BeginTransactionAsync(cancel);
        var from = await AlertBookStore.OffsetAsync(connection, tx, cancel);
        await Execute(connection, tx, """
            INSERT INTO webhooks (webhook_id, url, events, kinds, secret, from_ordinal, created_at_ms)
            VALUES (@id, @url, @events, @kinds, @secret, @from, @at)
            """, cancel,
            SqlParam.Text("@id", id), SqlParam.Text("@url", url.AbsoluteUri), SqlParam.Text("@events", Csv(events)), SqlParam.Text("@kinds", Csv(kinds)),
            SqlParam.Text("@secret", secret), SqlParam.Int64("@from", from), SqlParam.Int64("@at", now.ToUnixTimeMilliseconds()));
        await tx.CommitAsync(cancel);
        return (new WebhookView(id, url.AbsoluteUri, events, kinds, DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()), 0, 0, null, null), secret);
    }

    /// <summary>Every webhook with its delivery counts and the last failure of a delivery still pending.</summary>
    public async Task<IReadOnlyList<WebhookView>> ListAsync(CancellationToken cancel)
    {
        await book.EnsureSchemaAsync(cancel);
        await using var connection = await JournalStore.OpenAsync(book.Settings, cancel);
        await using var command = Command(connection, null, """
            SELECT w.webhook_id, w.url, w.events, w.kinds, w.created_at_ms,
                (SELECT COUNT(*) FROM webhook_outbox o WHERE o.webhook_id = w.webhook_id AND o.delivered_at_ms IS NULL),
                (SELECT COUNT(*) FROM webhook_outbox o WHERE o.webhook_id = w.webhook_id AND o.delivered_at_ms IS NOT NULL),
                (SELECT o.last_status FROM webhook_outbox o WHERE o.webhook_id = w.webhook_id AND o.delivered_at_ms IS NULL AND o.attempts > 0 ORDER BY o.next_attempt_ms DESC LIMIT 1),
                (SELECT o.last_error FROM webhook_outbox o WHERE o.webhook_id = w.webhook_id AND o.delivered_at_ms IS NULL AND o.attempts > 0 ORDER BY o.next_attempt_ms DESC LIMIT 1)
            FROM webhooks w ORDER BY w.created_at_ms, w.webhook_id
            """);
        await using var reader = await command.ExecuteReaderAsync(cancel);
        var hooks = new List<WebhookView>();
        while (await reader.ReadAsync(cancel))
            hooks.Add(new WebhookView(reader.GetString(0), reader.GetString(1),
                Split(reader.IsDBNull(2) ? null : reader.GetString(2)), Split(reader.IsDBNull(3) ? null : reader.GetString(3)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)), reader.GetInt64(5), reader.GetInt64(6),
                reader.IsDBNull(7) ? null : Convert.ToInt32(reader.GetValue(7), CultureInfo.InvariantCulture),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        return hooks;
    }

    /// <summary>Removes a webhook and its deliveries (pending ones are never attempted again); false when there is none.</summary>
    public async Task<bool> DeleteAsync(string webhookId, CancellationToken cancel)
    {
        await book.EnsureSchemaAsync(cancel);
        await using var connection = await JournalStore.OpenAsync(book.Settings, cancel);
        await using var tx = await connection.BeginTransactionAsync(cancel);
        await Execute(connection, tx, "DELETE FROM webhook_outbox WHERE webhook_id = @id", cancel, SqlParam.Text("@id", webhookId));
        await using var delete = Command(connection, tx, "DELETE FROM webhooks WHERE webhook_id = @id", SqlParam.Text("@id", webhookId));
        var deleted = await delete.ExecuteNonQueryAsync(cancel);
        await tx.CommitAsync(cancel);
        return deleted > 0;
    }

    /// <summary>Deliveries due by <paramref name="now"/>, the longest waiting first.</summary>
    public async Task<IReadOnlyList<PendingDelivery>> DueAsync(DateTimeOffset now, int take, CancellationToken cancel)
    {
        await book.EnsureSchemaAsync(cancel);
        await using var connection = await JournalStore.OpenAsync(book.Settings, cancel);
        await using var command = Command(connection, null, """
            SELECT o.delivery_id, o.webhook_id, o.event, o.body, o.attempts, w.url, w.secret
            FROM webhook_outbox o JOIN webhooks w ON w.webhook_id = o.webhook_id
            WHERE o.delivered_at_ms IS NULL AND o.next_attempt_ms <= @now
            ORDER BY o.next_attempt_ms, o.delivery_id LIMIT @take
            """, SqlParam.Int64("@now", now.ToUnixTimeMilliseconds()), SqlParam.Int32("@take", take));
        await using var reader = await command.ExecuteReaderAsync(cancel);
        var due = new List<PendingDelivery>();
        while (await reader.ReadAsync(cancel))
            due.Add(new PendingDelivery(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                Convert.ToInt32(reader.GetValue(4), CultureInfo.InvariantCulture), reader.GetString(5), reader.GetString(6)));
        return due;
    }

    /// <summary>The receiver took the delivery (2xx).</summary>
    public async Task DeliveredAsync(string deliveryId, int status, DateTimeOffset now, CancellationToken cancel)
    {
        await using var connection = await JournalStore.OpenAsync(book.Settings, cancel);
        await Execute(connection, null,
            "UPDATE webhook_outbox SET delivered_at_ms = @at, attempts = attempts + 1, last_status = @status, last_error = NULL WHERE delivery_id = @id", cancel,
            SqlParam.Text("@id", deliveryId), SqlParam.Int64("@at", now.ToUnixTimeMilliseconds()), SqlParam.Int32("@status", status));
    }

    /// <summary>The attempt failed (<paramref name="status"/> null: no HTTP answer); the next one is due at <paramref name="nextAt"/>.</summary>
    public async Task FailedAsync(string deliveryId, int? status, string error, DateTimeOffset nextAt, CancellationToken cancel)
    {
        await using var connection = await JournalStore.OpenAsync(book.Settings, cancel);
        await Execute(connection, null,
            "UPDATE webhook_outbox SET attempts = attempts + 1, next_attempt_ms = @next, last_status = @status, last_error = @error WHERE delivery_id = @id", cancel,
            SqlParam.Text("@id", deliveryId), SqlParam.Int64("@next", nextAt.ToUnixTimeMilliseconds()), SqlParam.Int32("@status", status),
            SqlParam.Text("@error", error.Length > 300 ? error[..300] : error));
    }

    /// <summary>The webhooks as the alert book reads them inside its transaction: who wants which changes.</summary>
    internal static async Task<IReadOnlyList<Subscriber>> SubscribersAsync(DbConnection connection, DbTransaction tx, CancellationToken cancel)
    {
        await using var command = Command(connection, tx, "SELECT webhook_id, events, kinds, from_ordinal FROM webhooks");
        await using var reader = await command.ExecuteReaderAsync(cancel);
        var hooks = new List<Subscriber>();
        while (await reader.ReadAsync(cancel))
            hooks.Add(new Subscriber(reader.GetString(0), Split(reader.IsDBNull(1) ? null : reader.GetString(1)),
                Split(reader.IsDBNull(2) ? null : reader.GetString(2)), reader.GetInt64(3)));
        return hooks;
    }

    /// <summary>Queues <paramref name="change"/> for every webhook that wants it; the delivery id is derived from the change, so queuing it again does nothing.</summary>
    internal static async Task QueueAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<Subscriber> hooks, AlertChange change, string changeKey, DateTimeOffset now, CancellationToken cancel)
    {
        foreach (var hook in hooks)
        {
            if (change.Alert.Change <= hook.FromOrdinal) continue;
            if (hook.Events is { } events && !events.Contains(change.Change)) continue;
            if (hook.Kinds is { } kinds && !kinds.Contains(change.Alert.Kind)) continue;
            var deliveryId = $"{changeKey}-{hook.WebhookId}";
            var body = JsonSerializer.Serialize(new WebhookPayload(deliveryId, change.Change, change.At, change.Alert), AlertJson.Instance.WebhookPayload);
            await Execute(connection, tx, """
                INSERT INTO webhook_outbox (delivery_id, webhook_id, alert_id, event, body, created_at_ms, attempts, next_attempt_ms, delivered_at_ms, last_status, last_error)
                VALUES (@id, @hook, @alert, @event, @body, @at, 0, @at, NULL, NULL, NULL)
                ON CONFLICT (delivery_id) DO NOTHING
                """, cancel,
                SqlParam.Text("@id", deliveryId), SqlParam.Text("@hook", hook.WebhookId), SqlParam.Text("@alert", change.Alert.AlertId),
                SqlParam.Text("@event", change.Change), SqlParam.Text("@body", body), SqlParam.Int64("@at", now.ToUnixTimeMilliseconds()));
        }
    }

    private static string? Csv(IReadOnlyList<string>? values) => values is null ? null : string.Join(',', values);

    private static IReadOnlyList<string>? Split(string? csv) => csv is null ? null : csv.Split(',', StringSplitOptions.RemoveEmptyEntries);

    internal sealed record Subscriber(string WebhookId, IReadOnlyList<string>? Events, IReadOnlyList<string>? Kinds, long FromOrdinal);
}

/// <summary>A webhook as the operator sees it: never its secret. <c>Pending</c> and <c>Delivered</c> count its deliveries.</summary>
public sealed record WebhookView(
    string WebhookId, string Url, IReadOnlyList<string>? Events, IReadOnlyList<string>? Kinds, DateTimeOffset CreatedAt,
    long Pending, long Delivered, int? LastStatus, string? LastError);

/// <summary>A delivery to attempt: its body as queued, and where and with which secret to send it.</summary>
public sealed record PendingDelivery(string DeliveryId, string WebhookId, string Event, string Body, int Attempts, string Url, string Secret);
