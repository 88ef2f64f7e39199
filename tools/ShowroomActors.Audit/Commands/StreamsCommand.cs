using System.CommandLine;
using ShowroomActors.Actors.Audit;

namespace ShowroomActors.Audit.Commands;

/// <summary><c>streams [--type T]</c>: the persistence ids in the journal.</summary>
public static class StreamsCommand
{
    public static Command Build()
    {
        var type = new Option<string?>("--type") { Description = "Only streams of this entity type", HelpName = "TYPE" };
        type.AcceptOnlyFromAmong([.. StreamReplay.EntityTypeNames]);
        var command = new Command("streams", "List persistence ids") { type };
        command.SetAction(async (parsed, cancel) =>
        {
            await foreach (var id in new AuditJournal(JournalOptions.Settings(parsed)).PersistenceIdsAsync(parsed.GetValue(type), cancel))
                await parsed.Out().WriteLineAsync(id);
            return AuditCli.Ok;
        });
        return command;
    }
}
