using System.CommandLine;
using System.Text;
using ShowroomActors.Actors.Audit;
using ShowroomActors.Domain.Buyers;

namespace ShowroomActors.Audit.Commands;

/// <summary><c>quota BUYER --year Y [--at INSTANT]</c>: a unit's quota figures as they stood, after verifying its stream.</summary>
public static class QuotaCommand
{
    public static Command Build()
    {
        var buyer = new Argument<string>("buyer-id") { Description = "The budget unit, e.g. yantian-hospital" };
        var year = new Option<int>("--year")
        {
            Description = "The quota year", Required = true, HelpName = "YEAR",
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y) && QuotaCalendar.IsValidYear(y)) return y;
                result.AddError($"--year must be a year such as 2026, not '{text}'.");
                return 0;
            },
        };
        var at = JournalOptions.Instant("--at", "The figures as they stood at this instant (default: now)");
        var certificate = new Option<bool>("--certificate")
        {
            Description = "Print the unit's quota certificate instead: its figures, its events and their inclusion proofs to the latest checkpoint in the journal's database",
        };
        var command = new Command("quota", "A unit's quota tally as it stood at an instant (its stream is verified first)") { buyer, year, at, certificate };
        command.Validators.Add(result =>
        {
            if (result.GetValue(certificate) && result.GetValue(at) is not null) result.AddError("--certificate is as of the latest checkpoint: it takes no --at.");
        });
        command.SetAction(async (parsed, cancel) =>
        {
            var buyerId = parsed.GetRequiredValue(buyer);
            var pid = $"buyer-{buyerId}";
            var journal = new AuditJournal(JournalOptions.Settings(parsed));
            if (!await journal.ExistsAsync(pid, cancel)) throw new UsageException($"No buyer '{buyerId}' in this journal.");
            if (await StreamCheck.WarnIfBrokenAsync(parsed, journal, pid, cancel) is { } broken) return broken;
            if (parsed.GetValue(certificate)) return await CertificateAsync(parsed, journal, buyerId, parsed.GetValue(year), cancel);
            var (json, rejection) = await AsOfViews.QuotaAsync(journal, buyerId, parsed.GetValue(year), parsed.GetValue(at) ?? DateTimeOffset.UtcNow, cancel);
            if (rejection is not null) throw new UsageException(rejection.Message);
            await parsed.Out().WriteLineAsync(Encoding.UTF8.GetString(json!));
            return AuditCli.Ok;
        });
        return command;
    }

    private static async Task<int> CertificateAsync(ParseResult parsed, AuditJournal journal, string buyerId, int year, CancellationToken cancel)
    {
        var log = new TransparencyLogStore(JournalOptions.Settings(parsed));
        string? note;
        try
        {
            note = (await log.CheckpointsAsync(1, null, cancel)).FirstOrDefault();
        }
        catch (System.Data.Common.DbException)
        {
            note = null;
        }
        if (note is null) throw new UsageException("The journal's database holds no signed checkpoint (a host with the transparency log on signs one every minute).");
        var (json, rejection) = await QuotaCertificate.BuildAsync(journal, log, note, buyerId, year, cancel);
        if (rejection is not null) throw new UsageException(rejection.Message);
        await parsed.Out().WriteLineAsync(Encoding.UTF8.GetString(json!));
        return AuditCli.Ok;
    }
}
