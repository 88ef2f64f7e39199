using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ShowroomActors.Actors.Audit;
using ShowroomActors.Actors.Serialization;
using ShowroomActors.Domain.Buyers;

namespace ShowroomActors.Audit;

/// <summary>The audit commands. Exit codes: 0 fine, 1 a broken chain was found, 2 bad arguments, 3 journal unreadable.</summary>
public static class AuditCommands
{
    public const string Usage = """
        usage: showroom-audit COMMAND [ARGS] [--data-dir DIR | --postgres CONNECTION]

          streams [--type slot|product|buyer|order]   list persistence ids
          events PID [--from SEQ] [--to SEQ]          a stream's events, one JSON object per line
          state PID [--at INSTANT]                    the state replayed up to INSTANT (ISO-8601; default: now)
          verify PID                                  check one stream's hash chain
          verify --all                                check every stream (progress on stderr)
          export --from INSTANT --to INSTANT --format csv|jsonl [--tag TAG]
                                                      the global log in journal order
          quota BUYER --year YEAR [--at INSTANT]      a unit's quota tally as it stood at INSTANT (default: now)

        The journal is opened read-only: $SHOWROOM_DATA_DIR/showroom.db (default ./data) unless --data-dir or --postgres.
        Exit codes: 0 ok, 1 a broken hash chain, 2 bad arguments, 3 journal unreadable.
        """;

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<int> RunAsync(AuditOptions options, TextWriter output, TextWriter progress, CancellationToken cancel)
    {
        switch (options.Command)
        {
            case "streams":
                options.Allow("--type");
                return await StreamsAsync(options, output, cancel);
            case "events":
                options.Allow("--from", "--to");
                return await EventsAsync(options, output, cancel);
            case "state":
                options.Allow("--at");
                return await StateAsync(options, output, cancel);
            case "verify":
                options.Allow("--all");
                return options.Has("--all") ? await VerifyAllAsync(options, output, progress, cancel) : await VerifyAsync(options, output, cancel);
            case "export":
                options.Allow("--from", "--to", "--format", "--tag");
                return await ExportAsync(options, output, progress, cancel);
            case "quota":
                options.Allow("--year", "--at");
                return await QuotaAsync(options, output, cancel);
            case "help" or "--help" or "-h":
                await output.WriteLineAsync(Usage);
                return 0;
            default:
                throw new UsageException($"Unknown command '{options.Command}'.");
        }
    }

    private static async Task<int> StreamsAsync(AuditOptions options, TextWriter output, CancellationToken cancel)
    {
        var type = options.Get("--type");
        if (type is not null && !StreamReplay.EntityTypeNames.Contains(type))
            throw new UsageException($"--type must be one of {string.Join(", ", StreamReplay.EntityTypeNames)}.");
        await foreach (var id in new AuditJournal(options.Settings()).PersistenceIdsAsync(type, cancel))
            await output.WriteLineAsync(id);
        return 0;
    }

    private static async Task<int> EventsAsync(AuditOptions options, TextWriter output, CancellationToken cancel)
    {
        var pid = options.Argument(0, "a persistence id");
        var from = options.Number("--from") ?? 1;
        var to = options.Number("--to") ?? long.MaxValue;
        if (from > to) throw new UsageException("--from must not be after --to.");
        var journal = new AuditJournal(options.Settings());
        if (!await journal.ExistsAsync(pid, cancel)) throw new UsageException($"No events recorded for '{pid}'.");
        var previousHash = await journal.HashAtAsync(pid, from - 1, cancel);
        await foreach (var row in journal.StreamAsync(pid, from, to, cancel))
            await output.WriteLineAsync(Json(writer => previousHash = AuditRecord.Write(writer, row, withStreamFields: false, previousHash)));
        return 0;
    }

    private static async Task<int> StateAsync(AuditOptions options, TextWriter output, CancellationToken cancel)
    {
        var pid = options.Argument(0, "a persistence id");
        var at = options.Instant("--at");
        if (StreamReplay.Parse(pid) is null) throw new UsageException($"'{pid}' is not a persistence id of a known entity type.");
        var journal = new AuditJournal(options.Settings());
        if (!await journal.ExistsAsync(pid, cancel)) throw new UsageException($"No events recorded for '{pid}'.");
        await output.WriteLineAsync(Encoding.UTF8.GetString(await AsOfViews.StateAsync(journal, pid, at, cancel)));
        return 0;
    }

    private static async Task<int> VerifyAsync(AuditOptions options, TextWriter output, CancellationToken cancel)
    {
        var pid = options.Argument(0, "a persistence id (or --all)");
        var settings = options.Settings();
        var journal = new AuditJournal(settings);
        if (!await journal.ExistsAsync(pid, cancel)) throw new UsageException($"No events recorded for '{pid}'.");
        var result = await ChainVerifier.VerifyAsync(journal.StreamAsync(pid, cancel: cancel), pid, cancel, options.Seals(settings));
        await output.WriteLineAsync(result.Ok
            ? $"ok {pid}: {result.Checked} events, chain intact"
            : $"BROKEN {pid} at seq {result.FirstBrokenSeq}: {result.Problem}");
        return result.Ok ? 0 : 1;
    }

    private static async Task<int> VerifyAllAsync(AuditOptions options, TextWriter output, TextWriter progress, CancellationToken cancel)
    {
        if (options.Arguments.Count > 0) throw new UsageException("verify --all takes no persistence id.");
        var settings = options.Settings();
        var journal = new AuditJournal(settings);
        var total = await journal.CountAsync(cancel);
        var started = DateTime.UtcNow;
        var (streams, rows, broken) = await ChainVerifier.VerifyAllAsync(journal.AllByStreamAsync(cancel), read =>
        {
            var seconds = Math.Max((DateTime.UtcNow - started).TotalSeconds, 0.001);
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"verified {read:N0} of {total:N0} events ({100.0 * read / Math.Max(total, 1):0}%), {read / seconds:N0} events/s"));
        }, cancel, options.Seals(settings));
        foreach (var result in broken)
            await output.WriteLineAsync($"BROKEN {result.PersistenceId} at seq {result.FirstBrokenSeq}: {result.Problem}");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{(broken.Count == 0 ? "ok" : "FAILED")}: {streams:N0} streams, {rows:N0} events, {broken.Count} broken, {(DateTime.UtcNow - started).TotalSeconds:0.0} s"));
        return broken.Count == 0 ? 0 : 1;
    }

    private static async Task<int> ExportAsync(AuditOptions options, TextWriter output, TextWriter progress, CancellationToken cancel)
    {
        var from = options.Instant("--from") ?? throw new UsageException("export needs --from INSTANT.");
        var to = options.Instant("--to") ?? throw new UsageException("export needs --to INSTANT.");
        if (from > to) throw new UsageException("--from must not be after --to.");
        var format = options.Get("--format") ?? throw new UsageException("export needs --format csv|jsonl.");
        if (format is not ("csv" or "jsonl")) throw new UsageException($"--format must be csv or jsonl, not '{format}'.");
        var journal = new AuditJournal(options.Settings());

        if (format == "csv") await output.WriteLineAsync("ordering,persistence_id,seq,at,type,prev_hash,hash,event");
        long exported = 0;
        var previousHashes = new PreviousHashes(journal);
        await foreach (var row in journal.AllAsync(0, options.Get("--tag"), cancel))
        {
            var (at, _, hash, payload) = ChainedEventJson.ReadParts(row.Message);
            var prevHash = await previousHashes.OfAsync(row, cancel);
            var instant = DateTimeOffset.Parse(at, CultureInfo.InvariantCulture);
            if (instant < from || instant > to) continue;
            await output.WriteLineAsync(format == "jsonl"
                ? Json(writer => AuditRecord.Write(writer, row, withStreamFields: true, prevHash))
                : string.Join(',', row.Ordering.ToString(CultureInfo.InvariantCulture), Csv(row.PersistenceId),
                    row.SequenceNr.ToString(CultureInfo.InvariantCulture), at, Csv(row.Manifest), prevHash, hash, Csv(Encoding.UTF8.GetString(payload))));
            if (++exported % 100_000 == 0) await progress.WriteLineAsync($"exported {exported:N0} events");
        }
        await progress.WriteLineAsync($"exported {exported:N0} events");
        return 0;
    }

    private static async Task<int> QuotaAsync(AuditOptions options, TextWriter output, CancellationToken cancel)
    {
        var buyerId = options.Argument(0, "a buyer id");
        var yearText = options.Get("--year") ?? throw new UsageException("quota needs --year YEAR.");
        if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || !QuotaCalendar.IsValidYear(year))
            throw new UsageException($"--year must be a year such as 2026, not '{yearText}'.");
        var at = options.Instant("--at") ?? DateTimeOffset.UtcNow;
        var pid = $"buyer-{buyerId}";
        var journal = new AuditJournal(options.Settings());
        if (!await journal.ExistsAsync(pid, cancel)) throw new UsageException($"No buyer '{buyerId}' in this journal.");
        var (json, rejection) = await AsOfViews.QuotaAsync(journal, buyerId, year, at, cancel);
        if (rejection is not null) throw new UsageException(rejection.Message);
        await output.WriteLineAsync(Encoding.UTF8.GetString(json!));
        return 0;
    }

    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions)) write(writer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
