using System.CommandLine;
using System.Data.Common;
using ShowroomActors.Audit.Commands;

namespace ShowroomActors.Audit;

/// <summary>
/// The command line of <c>showroom-audit</c> (System.CommandLine: help on every command, unknown commands and options
/// rejected with suggestions, shell completions through the <c>[suggest]</c> directive). Exit codes:
/// <see cref="Ok"/>, <see cref="Broken"/>, <see cref="BadArguments"/>, <see cref="Unreadable"/>.
/// </summary>
public static class AuditCli
{
    /// <summary>Done; the record checked is intact.</summary>
    public const int Ok = 0;
    /// <summary>The record is broken (a chain, a seal, a checkpoint, a proof or a certificate does not hold).</summary>
    public const int Broken = 1;
    /// <summary>The command line is wrong (with a message).</summary>
    public const int BadArguments = 2;
    /// <summary>The journal (or a file named on the command line) could not be read.</summary>
    public const int Unreadable = 3;

    public static RootCommand Build()
    {
        var root = new RootCommand("""
            Read-only audit of the ShowroomActors journal (SQLite file or PostgreSQL), with the server running or stopped.
            The journal is $SHOWROOM_DATA_DIR/showroom.db (default ./data) unless --data-dir or --postgres says otherwise.
            Exit codes: 0 ok, 1 broken (a chain, seal, checkpoint, proof or certificate does not hold), 2 bad arguments,
            3 the journal or a named file could not be read.
            """);
        root.Options.Add(JournalOptions.DataDir);
        root.Options.Add(JournalOptions.Postgres);
        root.Options.Add(JournalOptions.Key);
        root.Subcommands.Add(StreamsCommand.Build());
        root.Subcommands.Add(EventsCommand.Build());
        root.Subcommands.Add(StateCommand.Build());
        root.Subcommands.Add(VerifyCommand.Build());
        root.Subcommands.Add(ExportCommand.Build());
        root.Subcommands.Add(QuotaCommand.Build());
        root.Subcommands.Add(CheckCommand.Build());
        root.Subcommands.Add(CompletionCommand.Build());
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancel)
    {
        var parsed = Build().Parse(args);
        var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        if (parsed.Errors.Count > 0)
        {
            // The parser's own report (the errors, "did you mean" for typos, the command's help), then our exit code.
            foreach (var problem in parsed.Errors) await error.WriteLineAsync($"error: {problem.Message}");
            await parsed.InvokeAsync(new InvocationConfiguration { Output = error, Error = TextWriter.Null }, cancel);
            return BadArguments;
        }
        try
        {
            return await parsed.InvokeAsync(invocation, cancel);
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            await error.WriteLineAsync($"Run 'showroom-audit {parsed.CommandResult.Command.Name} --help' for its options.");
            return BadArguments;
        }
        catch (Exception e) when (e is DbException or FileNotFoundException or DirectoryNotFoundException or IOException
                                      or UnauthorizedAccessException or InvalidDataException)
        {
            await error.WriteLineAsync($"error: cannot read {(e is DbException ? "the journal" : "a file")}: {e.Message}");
            return Unreadable;
        }
    }
}

/// <summary>A command line the user got wrong beyond what the parser sees: printed, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
