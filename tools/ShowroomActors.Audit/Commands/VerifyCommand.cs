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
        var command = new Command("verify", "Check hash chains and seals: one stream, or --all") { pid, all };
        command.Validators.Add(result =>
        {
            var hasPid = result.GetValue(pid) is not null;
            var hasAll = result.GetValue(all);
            if (hasPid == hasAll) result.AddError("verify needs a persistence id or --all (not both).");
        });
        command.SetAction(async (parsed, cancel) =>
            parsed.GetValue(all) ? await AllAsync(parsed, cancel) : await OneAsync(parsed, parsed.GetValue(pid)!, cancel));
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
}
