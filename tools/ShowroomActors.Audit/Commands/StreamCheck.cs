using System.CommandLine;
using ShowroomActors.Actors.Audit;

namespace ShowroomActors.Audit.Commands;

/// <summary>
/// What <c>state</c> and <c>quota</c> do before they print figures: verify the stream they read (with the seals when the
/// key is at hand). A broken chain prints a warning and no figures: they cannot be proven.
/// </summary>
public static class StreamCheck
{
    /// <summary>Null when <paramref name="persistenceId"/> verifies; else the exit code after the warning is written.</summary>
    public static async Task<int?> WarnIfBrokenAsync(ParseResult parsed, AuditJournal journal, string persistenceId, CancellationToken cancel)
    {
        var result = await ChainVerifier.VerifyAsync(journal.StreamAsync(persistenceId, cancel: cancel), persistenceId, cancel,
            JournalOptions.Seals(parsed, journal.Settings));
        if (result.Ok) return null;
        await parsed.Err().WriteLineAsync(
            $"warning: BROKEN {persistenceId} at seq {result.FirstBrokenSeq}: {result.Problem}. The figures replayed from it cannot be proven; none are printed.");
        return AuditCli.Broken;
    }
}
