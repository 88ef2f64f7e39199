using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.Json;
using ShowroomActors.Actors;
using ShowroomActors.Actors.Audit;
using ShowroomActors.Actors.Serialization;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Host.Http;
using ShowroomActors.Host.OpenApi;

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
        var audit = app.MapGroup("/api/v1/audit").RequireAuditor().WithTags("Audit");

        audit.MapGet("/streams", async Task<Results<Ok<List<string>>, ProblemHttpResult>> (string? type, AuditJournal journal, CancellationToken cancel) =>
        {
            if (type is not null && !StreamReplay.EntityTypeNames.Contains(type))
                return Problems.BadRequest("type", $"'type' must be one of: {string.Join(", ", StreamReplay.EntityTypeNames)}.");
            var ids = new List<string>();
            await foreach (var id in journal.PersistenceIdsAsync(type, cancel)) ids.Add(id);
            return TypedResults.Ok(ids);
        })
            .WithSummary("Persistence ids of every stream (of one entity type with `type`).").WithExample(new ApiExample(200, "/api/v1/audit/streams?type=product", Key: "auditor"));

        audit.MapGet("/streams/{persistenceId}/events", async Task<IResult> (string persistenceId, string? from, string? to, AuditJournal journal, HttpContext http) =>
        {
            if (QueryValues.FirstOf(QueryValues.Number(from, "from", out var fromSeq), QueryValues.Number(to, "to", out var toSeq)) is { } bad) return Problems.From(bad);
            if ((fromSeq ?? 1) > (toSeq ?? long.MaxValue)) return Problems.BadRequest("from", "'from' must not be after 'to'.");
            if (await MissingStreamAsync(journal, persistenceId, http.RequestAborted) is { } missing) return missing;
            var previousHash = await journal.HashAtAsync(persistenceId, (fromSeq ?? 1) - 1, http.RequestAborted);
            await WriteJsonAsync(http, writer =>
                WriteArrayAsync(writer, http, journal.StreamAsync(persistenceId, fromSeq ?? 1, toSeq ?? long.MaxValue, http.RequestAborted), withStreamFields: false, previousHash));
            return TypedResults.Empty;
        })
            .WithSummary("A stream's events with their hash links, `from`/`to` by sequence number.").Produces(200, contentType: "application/json").WithExample(new ApiExample(200, "/api/v1/audit/streams/product-dongyuan-simiao-rice-5kg/events?from=1&to=2", Key: "auditor"));

        audit.MapGet("/streams/{persistenceId}/state", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (
            string persistenceId, string? at, AuditJournal journal, CancellationToken cancel) =>
        {
            if (QueryValues.Instant(at, "at", out var instant) is { } bad) return Problems.From(bad);
            if (StreamReplay.Parse(persistenceId) is null) return UnknownStream(persistenceId);
            if (await MissingStreamAsync(journal, persistenceId, cancel) is { } missing) return missing;
            return TypedResults.Bytes(await AsOfViews.StateAsync(journal, persistenceId, instant, cancel), "application/json; charset=utf-8");
        })
            .WithSummary("The entity's state replayed from its events as of an instant (`at`, default: all).").WithExample(new ApiExample(200, "/api/v1/audit/streams/product-dongyuan-simiao-rice-5kg/state", Key: "auditor"));

        audit.MapGet("/streams/{persistenceId}/verify", async Task<Results<Ok<VerifyResponse>, ProblemHttpResult>> (
            string persistenceId, AuditJournal journal, ShowroomSystem showroom, CancellationToken cancel) =>
        {
            if (await MissingStreamAsync(journal, persistenceId, cancel) is { } missing) return missing;
            // With the host's audit key: seals are checked too (a re-hashed chain, a forged event appended).
            var result = await ChainVerifier.VerifyAsync(journal.StreamAsync(persistenceId, cancel: cancel), persistenceId, cancel,
                AuditGuard.Get(showroom.System).Key.Seals);
            return TypedResults.Ok(new VerifyResponse(result.Ok, result.Checked, result.FirstBrokenSeq, result.Problem));
        })
            .WithSummary("Checks the stream's hash chain and seals: the first broken sequence number, if any.").WithExample(new ApiExample(200, "/api/v1/audit/streams/product-dongyuan-simiao-rice-5kg/verify", Key: "auditor"));

        // A unit's quota tally as it stood at an instant, replayed from its journal with the domain's own rules.
        audit.MapGet("/quota/{buyerId}/{year:int}", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (
            string buyerId, int year, string? at, AuditJournal journal, CancellationToken cancel) =>
        {
            if (QueryValues.FirstOf(QuotaCalendar.CheckYear(year), QueryValues.Instant(at, "at", out var instant)) is { } bad) return Problems.From(bad);
            var pid = $"buyer-{buyerId}";
            if (await MissingStreamAsync(journal, pid, cancel) is { } missing) return missing;
            var (json, rejection) = await AsOfViews.QuotaAsync(journal, buyerId, year, instant ?? DateTimeOffset.UtcNow, cancel);
            return rejection is not null ? Problems.From(rejection) : TypedResults.Bytes(json!, "application/json; charset=utf-8");
        })
            .WithSummary("A unit's quota as it stood at an instant, replayed with the domain's own rules.").WithExample(new ApiExample(200, "/api/v1/audit/quota/yantian-peoples-hospital/2026", Key: "auditor"));

        audit.MapGet("/events", async Task<IResult> (string? tag, string? from, string? to, string? after, string? limit, AuditJournal journal, HttpContext http) =>
        {
            if (QueryValues.FirstOf(QueryValues.Instant(from, "from", out var fromTime), QueryValues.Instant(to, "to", out var toTime), QueryValues.Number(after, "after", out var afterOrdering, allowZero: true), QueryValues.Number(limit, "limit", out var pageLimit)) is { } bad)
                return Problems.From(bad);
            if (fromTime > toTime) return Problems.BadRequest("from", "'from' must not be after 'to'.");
            var pageSize = (int)Math.Min(pageLimit ?? DefaultPageSize, MaxPageSize + 1L);
            if (pageSize > MaxPageSize) return Problems.BadRequest("limit", $"'limit' must be at most {MaxPageSize}.");
            if (tag is not null && (tag.Length is 0 or > 64)) return Problems.BadRequest("tag", "'tag' must be 1-64 characters.");

            await WriteJsonAsync(http, async writer =>
            {
                writer.WriteStartObject();
                writer.WriteStartArray("events");
                var written = 0;
                long? next = null;
                var previousHashes = new PreviousHashes(journal);
                await foreach (var row in journal.AllAsync(afterOrdering ?? 0, tag, http.RequestAborted))
                {
                    var rowAt = AuditRecord.AtOf(row);
                    if (rowAt < fromTime || rowAt > toTime) continue;
                    AuditRecord.Write(writer, row, withStreamFields: true, await previousHashes.OfAsync(row, http.RequestAborted));
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
            return TypedResults.Empty;
        })
            .WithSummary("The global log in journal order, paged (`after`, `limit`), filtered by `tag` and time.").Produces(200, contentType: "application/json").WithExample(new ApiExample(200, "/api/v1/audit/events?limit=5", Key: "auditor"));
    }

    /// <summary>Writes one stream's rows in order, each with the hash of the row before (<paramref name="previousHash"/> for the first).</summary>
    private static async Task WriteArrayAsync(Utf8JsonWriter writer, HttpContext http, IAsyncEnumerable<JournalRow> rows, bool withStreamFields, string? previousHash)
    {
        writer.WriteStartArray();
        var written = 0;
        await foreach (var row in rows)
        {
            previousHash = AuditRecord.Write(writer, row, withStreamFields, previousHash);
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

    /// <summary>404 naming <c>persistenceId</c> when the journal holds no events of it, else null.</summary>
    private static async Task<ProblemHttpResult?> MissingStreamAsync(AuditJournal journal, string persistenceId, CancellationToken cancel) =>
        await journal.ExistsAsync(persistenceId, cancel) ? null : UnknownStream(persistenceId);

    private static ProblemHttpResult UnknownStream(string persistenceId) =>
        Problems.Of(StatusCodes.Status404NotFound, "Not found", $"No events recorded for '{persistenceId}'.", "persistenceId");
}

/// <summary>A stream's hash-chain check: <c>{ok, checked, firstBrokenSeq?, problem?}</c>.</summary>
public sealed record VerifyResponse(bool Ok, long Checked, long? FirstBrokenSeq, string? Problem);
