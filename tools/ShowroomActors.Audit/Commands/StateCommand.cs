using System.CommandLine;
using System.Text;
using ShowroomActors.Actors.Audit;

namespace ShowroomActors.Audit.Commands;

/// <summary><c>state PID [--at INSTANT]</c>: the entity's state replayed up to an instant, after verifying its stream.</summary>
public static class StateCommand
{
    public static Command Build()
    {
        var pid = new Argument<string>("persistence-id") { Description = "The stream, e.g. buyer-yantian-hospital" };
        var at = JournalOptions.Instant("--at", "Replay the events recorded up to this instant (default: all)");
        var command = new Command("state", "The state replayed up to an instant (the stream is verified first)") { pid, at };
        command.SetAction(async (parsed, cancel) =>
        {
            var id = parsed.GetRequiredValue(pid);
            if (StreamReplay.Parse(id) is null) throw new UsageException($"'{id}' is not a persistence id of a known entity type.");
            var journal = new AuditJournal(JournalOptions.Settings(parsed));
            if (!await journal.ExistsAsync(id, cancel)) throw new UsageException($"No events recorded for '{id}'.");
            if (await StreamCheck.WarnIfBrokenAsync(parsed, journal, id, cancel) is { } broken) return broken;
            await parsed.Out().WriteLineAsync(Encoding.UTF8.GetString(await AsOfViews.StateAsync(journal, id, parsed.GetValue(at), cancel)));
            return AuditCli.Ok;
        });
        return command;
    }
}
