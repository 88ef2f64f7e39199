using System.CommandLine;
using System.Text.Json;
using ShowroomActors.Domain.Audit;

namespace ShowroomActors.Audit.Commands;

/// <summary>
/// <c>check checkpoint|inclusion|consistency FILE --public-key PEM</c>: checks what the host handed out (a signed
/// checkpoint, an inclusion or a consistency proof, as saved from <c>/api/v1/audit/...</c>) with the audit public key
/// alone: no journal, no server. Exit 1 when it does not hold.
/// </summary>
public static class CheckCommand
{
    public static Command Build()
    {
        var command = new Command("check", "Check a checkpoint, a proof or a quota certificate offline, with the public key alone");
        command.Subcommands.Add(Checkpoint());
        command.Subcommands.Add(Inclusion());
        command.Subcommands.Add(Consistency());
        command.Subcommands.Add(Certificate());
        return command;
    }

    public static Option<FileInfo> PublicKeyOption() => new("--public-key")
    {
        Description = "The audit public key (PEM, from GET /api/v1/audit/public-key)", Required = true, HelpName = "PEM",
    };

    private static Argument<FileInfo> FileArgument(string name, string description) => new(name) { Description = description };

    private static Command Checkpoint()
    {
        var file = FileArgument("checkpoint", "A signed checkpoint (the note from /api/v1/audit/checkpoints/latest)");
        var key = PublicKeyOption();
        var command = new Command("checkpoint", "Check a checkpoint's signature") { file, key };
        command.SetAction(async (parsed, cancel) =>
        {
            var publicKey = await ReadKeyAsync(parsed.GetRequiredValue(key), cancel);
            var checkpoint = Verified(await File.ReadAllTextAsync(parsed.GetRequiredValue(file).FullName, cancel), publicKey, out var problem);
            if (checkpoint is null) return await BrokenAsync(parsed, problem!);
            await parsed.Out().WriteLineAsync($"ok: checkpoint of {checkpoint.TreeSize:N0} events, root {Convert.ToBase64String(checkpoint.RootHash)}, signed {checkpoint.Time:O} by key {publicKey.KeyId:x8}");
            return AuditCli.Ok;
        });
        return command;
    }

    private static Command Inclusion()
    {
        var file = FileArgument("proof", "An inclusion proof (JSON from /api/v1/audit/proofs/inclusion)");
        var key = PublicKeyOption();
        var against = new Option<FileInfo?>("--checkpoint") { Description = "The checkpoint to check against (default: the one in the proof)", HelpName = "FILE" };
        var command = new Command("inclusion", "Check that an event is in the log a checkpoint signed") { file, key, against };
        command.SetAction(async (parsed, cancel) =>
        {
            var publicKey = await ReadKeyAsync(parsed.GetRequiredValue(key), cancel);
            var proof = await ReadJsonAsync(parsed.GetRequiredValue(file), cancel);
            var note = parsed.GetValue(against) is { } f ? await File.ReadAllTextAsync(f.FullName, cancel) : OptionalString(proof, "checkpoint");
            if (note is null) throw new UsageException("The proof carries no checkpoint (none was signed at its tree size): give --checkpoint FILE.");
            var checkpoint = Verified(note, publicKey, out var problem);
            if (checkpoint is null) return await BrokenAsync(parsed, problem!);
            var (pid, seq, leaf, size) = (String(proof, "persistenceId"), Number(proof, "seq"), Number(proof, "leafIndex"), Number(proof, "treeSize"));
            if (size != checkpoint.TreeSize) return await BrokenAsync(parsed, $"the proof is for a tree of {size} events, the checkpoint signed {checkpoint.TreeSize}");
            var entry = Hex(String(proof, "entry"), "entry");
            if (!MerkleTree.VerifyInclusion(leaf, size, MerkleTree.LeafHash(entry), Hashes(proof, "proof"), checkpoint.RootHash))
                return await BrokenAsync(parsed, $"{pid} seq {seq} (hash {Convert.ToHexStringLower(entry)}) is not leaf {leaf} of the tree the checkpoint signed");
            await parsed.Out().WriteLineAsync($"ok: {pid} seq {seq} (hash {Convert.ToHexStringLower(entry)}) is leaf {leaf} of the {size:N0} events signed {checkpoint.Time:O}");
            return AuditCli.Ok;
        });
        return command;
    }

    private static Command Consistency()
    {
        var file = FileArgument("proof", "A consistency proof (JSON from /api/v1/audit/proofs/consistency)");
        var key = PublicKeyOption();
        var older = new Option<FileInfo?>("--old") { Description = "The older checkpoint (default: the proof's fromCheckpoint)", HelpName = "FILE" };
        var newer = new Option<FileInfo?>("--new") { Description = "The newer checkpoint (default: the proof's toCheckpoint)", HelpName = "FILE" };
        var command = new Command("consistency", "Check that a newer checkpoint extends an older one (nothing rewritten)") { file, key, older, newer };
        command.SetAction(async (parsed, cancel) =>
        {
            var publicKey = await ReadKeyAsync(parsed.GetRequiredValue(key), cancel);
            var proof = await ReadJsonAsync(parsed.GetRequiredValue(file), cancel);
            var oldNote = parsed.GetValue(older) is { } o ? await File.ReadAllTextAsync(o.FullName, cancel) : OptionalString(proof, "fromCheckpoint");
            var newNote = parsed.GetValue(newer) is { } n ? await File.ReadAllTextAsync(n.FullName, cancel) : OptionalString(proof, "toCheckpoint");
            if (oldNote is null || newNote is null) throw new UsageException("Both checkpoints are needed: give --old FILE and --new FILE.");
            var first = Verified(oldNote, publicKey, out var problem);
            if (first is null) return await BrokenAsync(parsed, $"the older checkpoint: {problem}");
            var second = Verified(newNote, publicKey, out problem);
            if (second is null) return await BrokenAsync(parsed, $"the newer checkpoint: {problem}");
            if (Number(proof, "from") != first.TreeSize || Number(proof, "to") != second.TreeSize)
                return await BrokenAsync(parsed, $"the proof is from {Number(proof, "from")} to {Number(proof, "to")}, the checkpoints are of {first.TreeSize} and {second.TreeSize} events");
            if (!MerkleTree.VerifyConsistency(first.TreeSize, second.TreeSize, first.RootHash, second.RootHash, Hashes(proof, "proof")))
                return await BrokenAsync(parsed, $"the tree of {second.TreeSize} events does not extend the one of {first.TreeSize}: the log was rewritten");
            await parsed.Out().WriteLineAsync($"ok: the {second.TreeSize:N0} events signed {second.Time:O} extend the {first.TreeSize:N0} signed {first.Time:O}");
            return AuditCli.Ok;
        });
        return command;
    }

    private static Command Certificate()
    {
        var file = FileArgument("certificate", "A quota certificate (JSON from /api/v1/reports/quota/{year}/{buyerId}/certificate or quota --certificate)");
        var key = PublicKeyOption();
        var command = new Command("certificate", "Check a quota certificate: the signature, every event's hash and inclusion proof, the figures replayed from the events") { file, key };
        command.SetAction(async (parsed, cancel) =>
        {
            var publicKey = await ReadKeyAsync(parsed.GetRequiredValue(key), cancel);
            var certificate = await ReadJsonAsync(parsed.GetRequiredValue(file), cancel);
            if (await Actors.Audit.QuotaCertificate.CheckAsync(certificate, publicKey, cancel) is { } problem) return await BrokenAsync(parsed, problem);
            var figures = certificate.GetProperty("figures");
            await parsed.Out().WriteLineAsync($"ok: {certificate.GetProperty("buyerId").GetString()} {certificate.GetProperty("year").GetInt32()}, " +
                                              $"{certificate.GetProperty("events").GetArrayLength()} events in the checkpointed log, figures as of {figures.GetProperty("at").GetString()}: " +
                                              figures.GetProperty("quota").GetRawText());
            return AuditCli.Ok;
        });
        return command;
    }

    /// <summary>The checkpoint when <paramref name="note"/> verifies with <paramref name="key"/>; else null and the reason.</summary>
    public static Checkpoint? Verified(string note, AuditPublicKey key, out string? problem)
    {
        try
        {
            problem = null;
            return Domain.Audit.Checkpoint.Verify(note, key);
        }
        catch (CheckpointException e)
        {
            problem = e.Message;
            return null;
        }
    }

    public static async Task<int> BrokenAsync(ParseResult parsed, string problem)
    {
        await parsed.Out().WriteLineAsync($"BROKEN: {problem}");
        return AuditCli.Broken;
    }

    public static async Task<AuditPublicKey> ReadKeyAsync(FileInfo file, CancellationToken cancel)
    {
        var pem = await File.ReadAllTextAsync(file.FullName, cancel);
        try
        {
            return AuditPublicKey.FromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidDataException($"{file.FullName} is not an ECDSA P-256 public key in PEM form: {e.Message}", e);
        }
    }

    public static async Task<JsonElement> ReadJsonAsync(FileInfo file, CancellationToken cancel)
    {
        try
        {
            return JsonDocument.Parse(await File.ReadAllTextAsync(file.FullName, cancel)).RootElement;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file.FullName} is not JSON: {e.Message}", e);
        }
    }

    private static string? OptionalString(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static string String(JsonElement json, string name) =>
        OptionalString(json, name) ?? throw new InvalidDataException($"the file has no '{name}'");

    public static long Number(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n
            : throw new InvalidDataException($"the file has no number '{name}'");

    public static byte[] Hex(string text, string name)
    {
        try
        {
            var bytes = Convert.FromHexString(text);
            if (bytes.Length == MerkleTree.HashBytes) return bytes;
        }
        catch (FormatException)
        {
        }
        throw new InvalidDataException($"'{name}' is not a 32-byte hex hash");
    }

    public static IReadOnlyList<byte[]> Hashes(JsonElement json, string name)
    {
        if (!json.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array) throw new InvalidDataException($"the file has no '{name}' list");
        try
        {
            return array.EnumerateArray().Select(h => Convert.FromBase64String(h.GetString() ?? "")).ToList();
        }
        catch (FormatException)
        {
            throw new InvalidDataException($"'{name}' holds something that is not a base64 hash");
        }
    }
}
