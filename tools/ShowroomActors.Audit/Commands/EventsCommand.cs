using System.CommandLine;
using ShowroomActors.Actors.Audit;

namespace ShowroomActors.Audit.Commands;

/// <summary><c>events PID [--from SEQ] [--to SEQ]</c>: a stream's events, one JSON object per line.</summary>
public static class EventsCommand
{
    public static Command Build()
    {
        var pid = new Argument<string>("persistence-id") { Description = "The stream, e.g. product-dongyuan-simiao-rice-5kg" };
        var from = JournalOptions.Number("--from", "First sequence number", helpName: "SEQ");
        var to = JournalOptions.Number("--to", "Last sequence number", helpName: "SEQ");
        var command = new Command("events", "A stream's events, one JSON object per line") { pid, from, to };
        command.SetAction(async (parsed, cancel) =>
        {
            var id = parsed.GetRequiredValue(pid);
            var first = parsed.GetValue(from) ?? 1;
            var last = parsed.GetValue(to) ?? long.MaxValue;
            if (first > last) throw new UsageException("--from must not be after --to.");
            var journal = new AuditJournal(JournalOptions.Settings(parsed));
            if (!await journal.ExistsAsync(id, cancel)) throw new UsageException($"No events recorded for '{id}'.");
            // Rows do not store the previous hash: it is the hash of the row before, carried along.
            var previousHash = await journal.HashAtAsync(id, first - 1, cancel);
            await foreach (var row in journal.StreamAsync(id, first, last, cancel))
                await parsed.Out().WriteLineAsync(Output.Json(writer => previousHash = AuditRecord.Write(writer, row, withStreamFields: false, previousHash)));
            return AuditCli.Ok;
        });
        return command;
    }
}
