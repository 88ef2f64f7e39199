using System.Text.Encodings.Web;
using System.Text.Json;
using ShowroomActors.Actors.Serialization;
using ShowroomActors.Domain.Audit;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Actors.Audit;

/// <summary>
/// A unit's quota figures that a finance bureau checks offline with the audit public key alone:
/// <code>
/// { buyerId, year, persistenceId, checkpoint: "signed note", figures: {buyerId, year, at, asOfSeq, quota},
///   events: [{seq, type, at, leafIndex, row: base64 of the stored journal row, proof: [base64 hashes]}] }
/// </code>
/// <c>events</c> are the buyer's whole stream from seq 1 as far as the checkpoint's tree holds it (its plan, every
/// credited order, external purchase and reversal); <c>figures</c> are the domain's quota rules over exactly those
/// events as of the checkpoint's time. <see cref="Check"/> verifies the signature, recomputes every event's chain hash
/// from its row (linked from the genesis hash), checks each inclusion proof against the signed root and recomputes the
/// figures by replaying the rows; any difference is named.
/// </summary>
public static class QuotaCertificate
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The certificate of <paramref name="buyerId"/> for <paramref name="year"/> against the checkpoint <paramref name="note"/>.</summary>
    public static async Task<(byte[]? Json, Rejection? Rejection)> BuildAsync(AuditJournal journal, TransparencyLogStore log, string note,
        string buyerId, int year, CancellationToken cancel)
    {
        var checkpoint = Checkpoint.Parse(note);
        var pid = $"buyer-{buyerId}";
        var rows = new List<(JournalRow Row, long Leaf)>();
        await foreach (var row in journal.StreamAsync(pid, cancel: cancel))
        {
            var found = await log.FindLeafAsync(pid, row.SequenceNr, cancel);
            if (found is not { } leaf || leaf.Leaf >= checkpoint.TreeSize) break;
            rows.Add((row, leaf.Leaf));
        }
        if (rows.Count == 0) return (null, new Rejection(RejectionCode.NotFound, $"No event of '{buyerId}' is in the log's latest checkpoint yet.", "buyerId"));
        var (figures, rejection) = await AsOfViews.QuotaAsync(ToAsync(rows.Select(r => r.Row)), buyerId, year, AsOf(checkpoint, rows.Select(r => r.Row)), cancel);
        if (rejection is not null) return (null, rejection);

        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("buyerId", buyerId);
            writer.WriteNumber("year", year);
            writer.WriteString("persistenceId", pid);
            writer.WriteString("checkpoint", note);
            writer.WritePropertyName("figures");
            writer.WriteRawValue(figures!, skipInputValidation: true);
            writer.WriteStartArray("events");
            foreach (var (row, leaf) in rows)
            {
                writer.WriteStartObject();
                writer.WriteNumber("seq", row.SequenceNr);
                writer.WriteString("type", row.Manifest);
                writer.WriteString("at", ChainedEventJson.ReadParts(row.Message).At);
                writer.WriteNumber("leafIndex", leaf);
                writer.WriteBase64String("row", row.Message);
                writer.WriteStartArray("proof");
                foreach (var hash in await log.InclusionProofAsync(leaf, checkpoint.TreeSize, cancel)) writer.WriteBase64StringValue(hash);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return (buffer.ToArray(), null);
    }

    /// <summary>Null when <paramref name="certificate"/> holds with <paramref name="key"/>; else what does not.</summary>
    public static async Task<string?> CheckAsync(JsonElement certificate, AuditPublicKey key, CancellationToken cancel = default)
    {
        Checkpoint checkpoint;
        try
        {
            checkpoint = Checkpoint.Verify(Text(certificate, "checkpoint"), key);
        }
        catch (CheckpointException e)
        {
            return $"the checkpoint: {e.Message}";
        }
        var pid = Text(certificate, "persistenceId");
        var buyerId = Text(certificate, "buyerId");
        if (pid != $"buyer-{buyerId}") return $"the events are of '{pid}', not of buyer '{buyerId}'";
        var rows = new List<JournalRow>();
        var previous = HashChain.Genesis;
        foreach (var item in Array(certificate, "events"))
        {
            var seq = item.GetProperty("seq").GetInt64();
            if (seq != rows.Count + 1) return $"the events skip from seq {rows.Count} to {seq}";
            var message = item.GetProperty("row").GetBytesFromBase64();
            var manifest = Text(item, "type");
            var (at, storedPrevious, hash, payload) = ChainedEventJson.ReadParts(message);
            if ((storedPrevious is not null && storedPrevious != previous) || !HashChain.Matches(pid, seq, at, manifest, previous, payload, hash))
                return $"seq {seq}: its row does not hash to its chain hash after seq {seq - 1} (altered)";
            var entry = new byte[MerkleTree.HashBytes];
            HashChain.TryParse(hash, entry);
            var leaf = item.GetProperty("leafIndex").GetInt64();
            var proof = Array(item, "proof").Select(h => h.GetBytesFromBase64()).ToList();
            if (!MerkleTree.VerifyInclusion(leaf, checkpoint.TreeSize, MerkleTree.LeafHash(entry), proof, checkpoint.RootHash))
                return $"seq {seq}: it is not leaf {leaf} of the tree of {checkpoint.TreeSize} events the checkpoint signed";
            rows.Add(new JournalRow(0, pid, seq, manifest, message));
            previous = hash;
        }
        if (rows.Count == 0) return "the certificate holds no events";
        var year = certificate.GetProperty("year").GetInt32();
        var (figures, rejection) = await AsOfViews.QuotaAsync(ToAsync(rows), buyerId, year, AsOf(checkpoint, rows), cancel);
        if (rejection is not null) return $"the events give no figures: {rejection.Message}";
        var claimed = System.Text.Encoding.UTF8.GetBytes(certificate.GetProperty("figures").GetRawText());
        return claimed.AsSpan().SequenceEqual(figures) ? null
            : $"the figures are not what the events give: the events give {System.Text.Encoding.UTF8.GetString(figures!)}";
    }

    /// <summary>
    /// The instant the figures are as of: the checkpoint's time (whole seconds) or, when later, the last event's (signed
    /// within the same second), so every event in the certificate counts.
    /// </summary>
    private static DateTimeOffset AsOf(Checkpoint checkpoint, IEnumerable<JournalRow> rows)
    {
        var last = DateTimeOffset.Parse(ChainedEventJson.ReadParts(rows.Last().Message).At, System.Globalization.CultureInfo.InvariantCulture);
        return last > checkpoint.Time ? last : checkpoint.Time;
    }

    private static string Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new InvalidDataException($"the certificate has no '{name}'");

    private static IEnumerable<JsonElement> Array(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : throw new InvalidDataException($"the certificate has no '{name}' list");

    private static async IAsyncEnumerable<JournalRow> ToAsync(IEnumerable<JournalRow> rows)
    {
        foreach (var row in rows) yield return row;
        await Task.CompletedTask;
    }
}
