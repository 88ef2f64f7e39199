using System.CommandLine;
using System.Globalization;
using System.Text;
using ShowroomActors.Actors.Audit;
using ShowroomActors.Actors.Serialization;

namespace ShowroomActors.Audit.Commands;

/// <summary><c>export --from --to --format csv|jsonl [--tag T]</c>: the global log in journal order.</summary>
public static class ExportCommand
{
    public static Command Build()
    {
        var from = JournalOptions.Instant("--from", "Events recorded at or after this instant");
        from.Required = true;
        var to = JournalOptions.Instant("--to", "Events recorded at or before this instant");
        to.Required = true;
        var format = new Option<string>("--format") { Description = "Output format", Required = true, HelpName = "csv|jsonl" };
        format.AcceptOnlyFromAmong("csv", "jsonl");
        var tag = new Option<string?>("--tag") { Description = "Only events with this tag", HelpName = "TAG" };
        var command = new Command("export", "The global log in journal order (progress on standard error)") { from, to, format, tag };
        command.SetAction(async (parsed, cancel) =>
        {
            var first = parsed.GetValue(from)!.Value;
            var last = parsed.GetValue(to)!.Value;
            if (first > last) throw new UsageException("--from must not be after --to.");
            var csv = parsed.GetValue(format) == "csv";
            var journal = new AuditJournal(JournalOptions.Settings(parsed));
            var output = parsed.Out();
            if (csv) await output.WriteLineAsync("ordering,persistence_id,seq,at,type,prev_hash,hash,event");
            var exported = await new Progress(parsed.Err(), "exporting", await journal.CountAsync(cancel)).RunAsync(async report =>
            {
                long read = 0, written = 0;
                var previousHashes = new PreviousHashes(journal);
                await foreach (var row in journal.AllAsync(0, parsed.GetValue(tag), cancel))
                {
                    if (++read % 50_000 == 0) report(read);
                    var (at, _, hash, payload) = ChainedEventJson.ReadParts(row.Message);
                    var prevHash = await previousHashes.OfAsync(row, cancel);
                    var instant = DateTimeOffset.Parse(at, CultureInfo.InvariantCulture);
                    if (instant < first || instant > last) continue;
                    written++;
                    await output.WriteLineAsync(csv
                        ? string.Join(',', row.Ordering.ToString(CultureInfo.InvariantCulture), Csv(row.PersistenceId),
                            row.SequenceNr.ToString(CultureInfo.InvariantCulture), at, Csv(row.Manifest), prevHash, hash, Csv(Encoding.UTF8.GetString(payload)))
                        : Output.Json(writer => AuditRecord.Write(writer, row, withStreamFields: true, prevHash)));
                }
                report(read);
                return written;
            });
            await parsed.Err().WriteLineAsync($"exported {exported:N0} events");
            return AuditCli.Ok;
        });
        return command;
    }

    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
