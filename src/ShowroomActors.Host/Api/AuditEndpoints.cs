using System.Globalization;
using System.Text.Json;
using ShowroomActors.Actors.Audit;
using ShowroomActors.Actors.Serialization;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.Api;

/// <summary>
/// <c>/api/v1/audit</c>: read-only views of the journal for auditors and operators. Large answers are written
/// as they are read (never loaded whole); every answer is derived from the stored rows alone.
/// </summary>
public static class AuditEndpoints
{
    public const int DefaultPageSize = 1000;
    public const int MaxPageSize = 10_000;

    public static void MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/v1/audit").AddEndpointFilter<ProblemFilter>().RequireAuditor();

        audit.MapGet("/streams", async (string? type, AuditJournal journal, HttpContext http) =>
        {
            if (type is not null && !StreamReplay.EntityTypeNames.Contains(type))
                return Problems.BadRequest("type", $"'type' must be one of: {string.Join(", ", StreamReplay.EntityTypeNames)}.");
            var ids = new List<string>();
            await foreach (var id in journal.PersistenceIdsAsync(type, http.RequestAborted)) ids.Add(id);
            return Results.Ok(ids);
        });

        audit.MapGet("/streams/{persistenceId}/events", async (string persistenceId, string? from, string? to, AuditJournal journal, HttpContext http) =>
        {
            var fromSeq = ParseSeq(from, "from") ?? 1;
            var toSeq = ParseSeq(to, "to") ?? long.MaxValue;
            if (fromSeq > toSeq) return Problems.BadRequest("from", "'from' must not be after 'to'.");
            await RequireStreamAsync(journal, persistenceId, http.RequestAborted);
            await WriteJsonAsync(http, writer =>
                WriteArrayAsync(writer, http, journal.StreamAsync(persistenceId, fromSeq, toSeq, http.RequestAborted), withStreamFields: false));
            return Results.Empty;
        });

        audit.MapGet("/streams/{persistenceId}/state", async (string persistenceId, string? at, AuditJournal journal, HttpContext http) =>
        {
            var instant = ParseInstant(at, "at");
            if (StreamReplay.Parse(persistenceId) is null) throw UnknownStream(persistenceId);
            await RequireStreamAsync(journal, persistenceId, http.RequestAborted);
            return Results.Bytes(await AsOfViews.StateAsync(journal, persistenceId, instant, http.RequestAborted), "application/json; charset=utf-8");
        });

        audit.MapGet("/streams/{persistenceId}/verify", async (string persistenceId, AuditJournal journal, HttpContext http) =>
        {
            await RequireStreamAsync(journal, persistenceId, http.RequestAborted);
            var result = await ChainVerifier.VerifyAsync(journal.StreamAsync(persistenceId, cancel: http.RequestAborted), persistenceId, http.RequestAborted);
            return Results.Ok(new { ok = result.Ok, @checked = result.Checked, firstBrokenSeq = result.FirstBrokenSeq, problem = result.Problem });
        });

        // A unit's quota tally as it stood at an instant, replayed from its journal with the domain's own rules.
        audit.MapGet("/quota/{buyerId}/{year:int}", async (string buyerId, int year, string? at, AuditJournal journal, HttpContext http) =>
        {
            if (QuotaCalendar.CheckYear(year) is { } badYear) return Problems.From(badYear);
            var instant = ParseInstant(at, "at") ?? DateTimeOffset.UtcNow;
            var pid = $"buyer-{buyerId}";
            await RequireStreamAsync(journal, pid, http.RequestAborted);
            var (json, rejection) = await AsOfViews.QuotaAsync(journal, buyerId, year, instant, http.RequestAborted);
            return rejection is not null ? Problems.From(rejection) : Results.Bytes(json!, "application/json; charset=utf-8");
        });

        audit.MapGet("/events", async (string? tag, string? from, string? to, string? after, string? limit, AuditJournal journal, HttpContext http) =>
        {
            var fromTime = ParseInstant(from, "from");
            var toTime = ParseInstant(to, "to");
            if (fromTime > toTime) return Problems.BadRequest("from", "'from' must not be after 'to'.");
            var afterOrdering = ParseSeq(after, "after", allowZero: true) ?? 0;
            var pageSize = (int)(ParseSeq(limit, "limit") ?? DefaultPageSize);
            if (pageSize > MaxPageSize) return Problems.BadRequest("limit", $"'limit' must be at most {MaxPageSize}.");
            if (tag is not null && (tag.Length is 0 or > 64)) return Problems.BadRequest("tag", "'tag' must be 1-64 characters.");

            await WriteJsonAsync(http, async writer =>
            {
                writer.WriteStartObject();
                writer.WriteStartArray("events");
                var written = 0;
                long? next = null;
                await foreach (var row in journal.AllAsync(afterOrdering, tag, http.RequestAborted))
                {
                    var rowAt = AuditRecord.AtOf(row);
                    if (rowAt < fromTime || rowAt > toTime) continue;
                    AuditRecord.Write(writer, row, withStreamFields: true);
                    if (++written % 200 == 0) await writer.FlushAsync(http.RequestAborted);
                    if (written == pageSize)
                    {
                        next = row.Ordering;
                        break;
                    }
                }
                writer.WriteEndArray();
                if (next is { } n) writer.WriteNumber("next", n); else writer.WriteNull("next");
                writer.WriteEndObject();
            });
            return Results.Empty;
        });
    }

    private static async Task WriteArrayAsync(Utf8JsonWriter writer, HttpContext http, IAsyncEnumerable<JournalRow> rows, bool withStreamFields)
    {
        writer.WriteStartArray();
        var written = 0;
        await foreach (var row in rows)
        {
            AuditRecord.Write(writer, row, withStreamFields);
            if (++written % 200 == 0) await writer.FlushAsync(http.RequestAborted);
        }
        writer.WriteEndArray();
    }

    /// <summary>Writes a JSON body as it is produced, flushing as it goes.</summary>
    private static async Task WriteJsonAsync(HttpContext http, Func<Utf8JsonWriter, Task> write)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(http.Response.Body, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        await write(writer);
        await writer.FlushAsync(http.RequestAborted);
    }

    private static async Task RequireStreamAsync(AuditJournal journal, string persistenceId, CancellationToken cancel)
    {
        if (!await journal.ExistsAsync(persistenceId, cancel)) throw UnknownStream(persistenceId);
    }

    private static ProblemException UnknownStream(string persistenceId) =>
        new(Problems.Of(StatusCodes.Status404NotFound, "Not found", $"No events recorded for '{persistenceId}'.", "persistenceId"));

    private static long? ParseSeq(string? text, string field, bool allowZero = false)
    {
        if (text is null) return null;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && (value > 0 || (allowZero && value == 0)))
            return value;
        throw new ProblemException(Problems.BadRequest(field, $"'{field}' must be a positive whole number."));
    }

    private static DateTimeOffset? ParseInstant(string? text, string field)
    {
        if (text is null) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
            return instant;
        throw new ProblemException(Problems.BadRequest(field, $"'{field}' must be an ISO-8601 instant such as 2026-11-29T08:00:00Z."));
    }
}
