using System.CommandLine;
using System.Globalization;
using ShowroomActors.Actors.Audit;

namespace ShowroomActors.Audit.Commands;

/// <summary>
/// <c>verify PID</c> or <c>verify --all</c>: recompute hash chains (and check seals with the key at hand). Exit 1 when
/// anything is broken.
/// </summary>
public static class VerifyCommand
{
    public static Command Build()
    {
        var pid = new Argument<string?>("persistence-id") { Description = "The stream to check (or --all)", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Check every stream (progress on standard error)" };
        var checkpoint = new Option<FileInfo?>("--checkpoint")
        {
            Description = "With --all: a kept checkpoint the journal must still hold (a deleted tail or stream, a rolled-back file, a reordered row fail)",
            HelpName = "FILE",
        };
        var publicKey = new Option<FileInfo?>("--public-key")
        {
            Description = "The audit public key (PEM) that signed the checkpoint (default: the public half of the audit key at hand)", HelpName = "PEM",
        };
        var command = new Command("verify", "Check hash chains and seals: one stream, or --all [--checkpoint FILE]") { pid, all, checkpoint, publicKey };
        command.Validators.Add(result =>
        {
            var hasPid = result.GetValue(pid) is not null;
            var hasAll = result.GetValue(all);
            if (hasPid == hasAll) result.AddError("verify needs a persistence id or --all (not both).");
            if (!hasAll && result.GetValue(checkpoint) is not null) result.AddError("--checkpoint goes with --all.");
        });
        command.SetAction(async (parsed, cancel) =>
        {
            if (!parsed.GetValue(all)) return await OneAsync(parsed, parsed.GetValue(pid)!, cancel);
            var chains = await AllAsync(parsed, cancel);
            if (parsed.GetValue(checkpoint) is not { } file) return chains;
            var against = await AgainstCheckpointAsync(parsed, file, parsed.GetValue(publicKey), cancel);
            return chains == AuditCli.Ok ? against : chains;
        });
        return command;
    }

    private static async Task<int> OneAsync(ParseResult parsed, string pid, CancellationToken cancel)
    {
        var settings = JournalOptions.Settings(parsed);
        var journal = new AuditJournal(settings);
        if (!await journal.ExistsAsync(pid, cancel)) throw new UsageException($"No events recorded for '{pid}'.");
        var result = await ChainVerifier.VerifyAsync(journal.StreamAsync(pid, cancel: cancel), pid, cancel, JournalOptions.Seals(parsed, settings));
        await parsed.Out().WriteLineAsync(result.Ok
            ? $"ok {pid}: {result.Checked} events, chain intact"
            : $"BROKEN {pid} at seq {result.FirstBrokenSeq}: {result.Problem}");
        return result.Ok ? AuditCli.Ok : AuditCli.Broken;
    }

    private static async Task<int> AllAsync(ParseResult parsed, CancellationToken cancel)
    {
        var settings = JournalOptions.Settings(parsed);
        var seals = JournalOptions.Seals(parsed, settings);
        var journal = new AuditJournal(settings);
        var started = DateTime.UtcNow;
        var total = await journal.CountAsync(cancel);
        var (streams, rows, broken) = await new Progress(parsed.Err(), "verifying", total)
            .RunAsync(report => ChainVerifier.VerifyAllAsync(journal.AllByStreamAsync(cancel), report, cancel, seals));
        foreach (var result in broken)
            await parsed.Out().WriteLineAsync($"BROKEN {result.PersistenceId} at seq {result.FirstBrokenSeq}: {result.Problem}");
        await parsed.Out().WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{(broken.Count == 0 ? "ok" : "FAILED")}: {streams:N0} streams, {rows:N0} events, {broken.Count} broken, seals {(seals is null ? "not checked (no key)" : "checked")}, {(DateTime.UtcNow - started).TotalSeconds:0.0} s"));
        return broken.Count == 0 ? AuditCli.Ok : AuditCli.Broken;
    }

    /// <summary>The journal against a kept checkpoint: its signature first, then every leaf it committed to.</summary>
    private static async Task<int> AgainstCheckpointAsync(ParseResult parsed, FileInfo file, FileInfo? publicKeyFile, CancellationToken cancel)
    {
        var settings = JournalOptions.Settings(parsed);
        var key = publicKeyFile is not null ? await CheckCommand.ReadKeyAsync(publicKeyFile, cancel) : JournalOptions.PublicKey(parsed, settings)
            ?? throw new UsageException("No key to check the checkpoint's signature with: give --public-key PEM (or --key with the audit key).");
        var note = await File.ReadAllTextAsync(file.FullName, cancel);
        var checkpoint = CheckCommand.Verified(note, key, out var problem);
        if (checkpoint is null) return await CheckCommand.BrokenAsync(parsed, $"the checkpoint {file.Name}: {problem}");
        var journal = new AuditJournal(settings);
        var result = await new Progress(parsed.Err(), "against the checkpoint", checkpoint.TreeSize).RunAsync(report =>
            CheckpointVerifier.VerifyAsync(journal, new TransparencyLogStore(settings), checkpoint, report, cancel));
        await parsed.Out().WriteLineAsync(result.Ok
            ? string.Create(CultureInfo.InvariantCulture, $"ok: the journal holds the {checkpoint.TreeSize:N0} events the checkpoint of {checkpoint.Time:O} committed to")
            : $"BROKEN against the checkpoint of {checkpoint.TreeSize} events ({checkpoint.Time:O}): {result.Problem}");
        return result.Ok ? AuditCli.Ok : AuditCli.Broken;
    }
}
