using Microsoft.AspNetCore.Http.HttpResults;
using ShowroomActors.Actors;
using ShowroomActors.Actors.Audit;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.Api;

/// <summary>
/// <c>/api/v1/audit/proofs</c>: RFC 9162 inclusion and consistency proofs of the transparency log, with the signed
/// checkpoint of the tree they refer to when one was signed at that size (docs/AUDIT.md). An auditor checks them
/// offline: <c>showroom-audit check inclusion|consistency</c>.
/// </summary>
public static class ProofEndpoints
{
    public static void MapProofEndpoints(this IEndpointRouteBuilder app)
    {
        var proofs = app.MapGroup("/api/v1/audit/proofs").RequireAuditor().WithTags("Audit");

        // treeSize defaults to the latest checkpoint's (the tree an auditor can hold a signature of).
        proofs.MapGet("/inclusion", async Task<Results<Ok<InclusionProofResponse>, ProblemHttpResult>> (
            string? persistenceId, string? seq, string? treeSize, ShowroomSystem showroom, CancellationToken cancel) =>
        {
            if (string.IsNullOrWhiteSpace(persistenceId)) return Problems.BadRequest("persistenceId", "'persistenceId' is required, e.g. product-dongyuan-fuzhu-500g.");
            if (seq is null) return Problems.BadRequest("seq", "'seq' (the event's sequence number) is required.");
            if (QueryValues.FirstOf(QueryValues.Number(seq, "seq", out var sequenceNr), QueryValues.Number(treeSize, "treeSize", out var size)) is { } bad) return Problems.From(bad);
            if (Unavailable(showroom) is { } off) return off;
            var store = showroom.AuditLogStore;
            var (tree, note, sizeProblem) = await TreeAsync(store, size, "treeSize", cancel);
            if (sizeProblem is not null) return sizeProblem;
            var found = await store.FindLeafAsync(persistenceId, sequenceNr!.Value, cancel);
            if (found is null)
                return Problems.Of(StatusCodes.Status404NotFound, "Not found", $"The log holds no event {persistenceId} seq {sequenceNr} (no such event, or not read into the log yet).", "seq");
            var (leaf, entry) = found.Value;
            if (leaf >= tree)
                return Problems.Of(StatusCodes.Status409Conflict, "Conflict", $"{persistenceId} seq {sequenceNr} is leaf {leaf}, after the tree of {tree} leaves: ask for a larger treeSize.", "treeSize");
            var proof = await store.InclusionProofAsync(leaf, tree, cancel);
            return TypedResults.Ok(new InclusionProofResponse(persistenceId, sequenceNr.Value, leaf, tree, Convert.ToHexStringLower(entry),
                proof.Select(Convert.ToBase64String).ToList(), note));
        }).WithSummary("An inclusion proof (RFC 9162) of one event in the transparency log at a tree size.");

        proofs.MapGet("/consistency", async Task<Results<Ok<ConsistencyProofResponse>, ProblemHttpResult>> (
            string? from, string? to, ShowroomSystem showroom, CancellationToken cancel) =>
        {
            if (from is null) return Problems.BadRequest("from", "'from' (the older tree size) is required.");
            if (QueryValues.FirstOf(QueryValues.Number(from, "from", out var first, allowZero: true), QueryValues.Number(to, "to", out var second)) is { } bad) return Problems.From(bad);
            if (Unavailable(showroom) is { } off) return off;
            var store = showroom.AuditLogStore;
            var (tree, toNote, sizeProblem) = await TreeAsync(store, second, "to", cancel);
            if (sizeProblem is not null) return sizeProblem;
            if (first > tree) return Problems.BadRequest("from", $"'from' ({first}) must not be larger than 'to' ({tree}).");
            var proof = await store.ConsistencyProofAsync(first!.Value, tree, cancel);
            return TypedResults.Ok(new ConsistencyProofResponse(first.Value, tree, proof.Select(Convert.ToBase64String).ToList(),
                await store.CheckpointAsync(first.Value, cancel), toNote));
        }).WithSummary("A consistency proof (RFC 9162) between two tree sizes of the transparency log.");
    }

    /// <summary>The tree size asked for (default: the latest checkpoint's) and its checkpoint, or a problem naming <paramref name="field"/>.</summary>
    private static async Task<(long Size, string? Note, ProblemHttpResult? Problem)> TreeAsync(TransparencyLogStore store, long? asked, string field, CancellationToken cancel)
    {
        if (asked is null)
        {
            var latest = (await store.CheckpointsAsync(1, null, cancel)).FirstOrDefault();
            if (latest is null)
                return (0, null, Problems.Of(StatusCodes.Status404NotFound, "Not found", $"No checkpoint has been signed yet: give '{field}', or POST /api/v1/audit/checkpoints first.", field));
            return (Domain.Audit.Checkpoint.Parse(latest).TreeSize, latest, null);
        }
        var size = await store.SizeAsync(cancel);
        if (asked > size) return (0, null, Problems.BadRequest(field, $"'{field}' ({asked}) is larger than the log ({size} leaves)."));
        return (asked.Value, await store.CheckpointAsync(asked.Value, cancel), null);
    }

    private static ProblemHttpResult? Unavailable(ShowroomSystem showroom) => showroom.AuditLogSettings.Enabled
        ? null
        : Problems.Of(StatusCodes.Status503ServiceUnavailable, "Service unavailable", "The transparency log is switched off on this node (showroom.audit.log = off).");
}

/// <summary>
/// The event's leaf <see cref="LeafIndex"/> in the tree of <see cref="TreeSize"/> leaves: <see cref="Entry"/> is its chain
/// hash (hex, as in the journal row), <see cref="Proof"/> the RFC 9162 audit path (base64 hashes, nearest the leaf
/// first), <see cref="Checkpoint"/> the signed note of that tree size when one was signed.
/// </summary>
public sealed record InclusionProofResponse(string PersistenceId, long Seq, long LeafIndex, long TreeSize, string Entry, IReadOnlyList<string> Proof, string? Checkpoint);

/// <summary>The RFC 9162 consistency proof from the tree of <see cref="From"/> leaves to that of <see cref="To"/>, with their checkpoints when signed.</summary>
public sealed record ConsistencyProofResponse(long From, long To, IReadOnlyList<string> Proof, string? FromCheckpoint, string? ToCheckpoint);
