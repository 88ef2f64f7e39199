using Akka.Actor;
using Microsoft.AspNetCore.Http.HttpResults;
using ShowroomActors.Actors;
using ShowroomActors.Actors.Audit;
using ShowroomActors.Domain.Audit;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.Api;

/// <summary>
/// The transparency log (docs/AUDIT.md): its signed checkpoints, the audit public key that checks them, and the
/// inclusion and consistency proofs an auditor verifies offline against a checkpoint they kept.
/// </summary>
public static class AuditLogEndpoints
{
    public const int DefaultCheckpoints = 100;
    public const int MaxCheckpoints = 1000;

    public static void MapAuditLogEndpoints(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/v1/audit").RequireAuditor().WithTags("Audit");

        audit.MapGet("/public-key", (ShowroomSystem showroom) =>
            TypedResults.Text(AuditGuard.Get(showroom.System).Key.PublicKey.Pem, "application/x-pem-file")).WithSummary("The audit public key (PEM) that checkpoints and certificates are signed with.");

        // History, newest first; ?before=SIZE pages on (next names the size to pass).
        audit.MapGet("/checkpoints", async Task<Results<Ok<CheckpointPage>, ProblemHttpResult>> (string? limit, string? before, ShowroomSystem showroom, CancellationToken cancel) =>
        {
            if (QueryValues.FirstOf(QueryValues.Number(limit, "limit", out var count), QueryValues.Number(before, "before", out var below)) is { } bad) return Problems.From(bad);
            if (count > MaxCheckpoints) return Problems.BadRequest("limit", $"'limit' must be at most {MaxCheckpoints}.");
            if (Off(showroom) is { } off) return off;
            var take = (int)(count ?? DefaultCheckpoints);
            var notes = await showroom.AuditLogStore.CheckpointsAsync(take + 1, below, cancel);
            var page = notes.Take(take).Select(CheckpointResponse.Of).ToList();
            return TypedResults.Ok(new CheckpointPage(page, notes.Count > take ? page[^1].TreeSize : null));
        }).WithSummary("Signed checkpoints of the transparency log, newest first (`limit`, `before`).");

        // The newest checkpoint: JSON, or the signed note itself with Accept: text/plain (what an auditor keeps).
        audit.MapGet("/checkpoints/latest", async Task<IResult> (ShowroomSystem showroom, HttpContext http) =>
        {
            if (Off(showroom) is { } off) return off;
            var latest = (await showroom.AuditLogStore.CheckpointsAsync(1, null, http.RequestAborted)).FirstOrDefault();
            if (latest is null) return Problems.Of(StatusCodes.Status404NotFound, "Not found", "No checkpoint has been signed yet: POST /api/v1/audit/checkpoints signs one.");
            return WantsNote(http) ? TypedResults.Text(latest, "text/plain; charset=utf-8") : TypedResults.Ok(CheckpointResponse.Of(latest));
        }).WithSummary("The latest signed checkpoint (JSON, or the signed note with Accept: text/plain).");

        // Signs a checkpoint now, after the log caught up with every event recorded before the request.
        audit.MapPost("/checkpoints", async Task<IResult> (ShowroomSystem showroom, HttpContext http) =>
        {
            var (note, problem) = await SignNowAsync(showroom, http.RequestAborted);
            if (problem is not null) return problem;
            return WantsNote(http) ? TypedResults.Text(note!, "text/plain; charset=utf-8") : TypedResults.Ok(CheckpointResponse.Of(note!));
        }).WithSummary("Signs a checkpoint of the transparency log now.");

        audit.MapCheckpointVerifyEndpoint();
    }

    /// <summary>
    /// <c>POST /api/v1/audit/checkpoints/verify</c> with a kept checkpoint (the signed note) as the body: does the journal
    /// still hold every event it committed to? 200 <see cref="CheckpointCheckResponse"/>; 422 naming <c>checkpoint</c>
    /// when the note does not verify with this node's audit key.
    /// </summary>
    public static void MapCheckpointVerifyEndpoint(this RouteGroupBuilder audit) =>
        audit.MapPost("/checkpoints/verify", async Task<Results<Ok<CheckpointCheckResponse>, ProblemHttpResult>> (ShowroomSystem showroom, AuditJournal journal, HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var note = await reader.ReadToEndAsync(http.RequestAborted);
            Checkpoint checkpoint;
            try
            {
                checkpoint = Checkpoint.Verify(note, AuditGuard.Get(showroom.System).Key.PublicKey);
            }
            catch (CheckpointException e)
            {
                return Problems.Of(StatusCodes.Status422UnprocessableEntity, "Unprocessable", $"The checkpoint does not verify with this node's audit key: {e.Message}", "checkpoint");
            }
            var result = await CheckpointVerifier.VerifyAsync(journal, showroom.AuditLogStore, checkpoint, cancel: http.RequestAborted);
            return TypedResults.Ok(new CheckpointCheckResponse(result.Ok, checkpoint.TreeSize, result.Checked, result.FirstBadLeaf, result.Problem));
        }).WithSummary("Checks the journal against a checkpoint kept before: names the first leaf missing, changed or out of place.");

    /// <summary>503 while the transparency log is switched off (showroom.audit.log = off), else null.</summary>
    /// <summary>
    /// Asks the log for a checkpoint covering every event recorded before now (it signs one when it grew): the signed
    /// note, or the problem to answer (log off, no answer in time, refused).
    /// </summary>
    internal static async Task<(string? Note, ProblemHttpResult? Problem)> SignNowAsync(ShowroomSystem showroom, CancellationToken cancel)
    {
        if (Off(showroom) is { } off) return (null, off);
        try
        {
            var signed = await showroom.AuditLog.Ask<AuditCheckpointSigned>(new SignAuditCheckpoint(),
                showroom.AuditLogSettings.OnDemandWait + showroom.AskTimeout, cancel);
            return signed.Rejection is { } rejection ? (null, Problems.From(rejection)) : (signed.Note, null);
        }
        catch (AskTimeoutException)
        {
            return (null, Problems.Of(StatusCodes.Status503ServiceUnavailable, "Service unavailable", "The transparency log did not answer in time; retry."));
        }
    }

    internal static ProblemHttpResult? Off(ShowroomSystem showroom) => showroom.AuditLogSettings.Enabled
        ? null
        : Problems.Of(StatusCodes.Status503ServiceUnavailable, "Service unavailable", "The transparency log is switched off on this node (showroom.audit.log = off).");

    private static bool WantsNote(HttpContext http) =>
        http.Request.Headers.Accept.Any(a => a is not null && a.Contains("text/plain", StringComparison.OrdinalIgnoreCase));
}

/// <summary>A signed checkpoint: what it commits to, and the signed note (C2SP tlog-checkpoint) to keep.</summary>
public sealed record CheckpointResponse(string Origin, long TreeSize, string RootHash, DateTimeOffset Time, string Note)
{
    public static CheckpointResponse Of(string note)
    {
        var checkpoint = Checkpoint.Parse(note);
        return new CheckpointResponse(checkpoint.Origin, checkpoint.TreeSize, Convert.ToBase64String(checkpoint.RootHash), checkpoint.Time, note);
    }
}

/// <summary>A page of checkpoints, newest first; <c>next</c> is the <c>before</c> of the next page (null: no more).</summary>
public sealed record CheckpointPage(IReadOnlyList<CheckpointResponse> Checkpoints, long? Next);

/// <summary>The journal against a kept checkpoint: <c>ok</c>, the checkpoint's size, the events compared, the first bad leaf (when it can be named) and what is wrong.</summary>
public sealed record CheckpointCheckResponse(bool Ok, long TreeSize, long Checked, long? FirstBadLeaf, string? Problem);
