using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using ShowroomActors.Actors;
using ShowroomActors.Actors.Audit;
using ShowroomActors.Actors.Serialization;

namespace ShowroomActors.Host.WebConsole.Pages;

/// <summary>
/// The audit explorer: streams by entity type; one stream's events with their chain hashes; the stream's state as of
/// the instant of any of its events (a slider over them, replayed with the domain's own rules); and the verification
/// of the stream's hash chain and seals, with a pass or fail banner naming the first broken seq. It reads the journal
/// as the audit API does (<see cref="AuditJournal"/>), so a quarantined stream can still be examined. Above them, the
/// transparency log's latest signed checkpoint (<see cref="LatestCheckpoint"/>), with its signed note as plain text at
/// <c>/console/audit?handler=Checkpoint</c> to print or keep.
/// </summary>
public sealed class AuditModel(AuditJournal journal, ShowroomSystem showroom) : ConsolePage
{
    /// <summary>The most streams listed for a type, and events shown for a stream.</summary>
    public const int MaxListed = 500;

    public IReadOnlyCollection<string> Types => StreamReplay.EntityTypeNames;
    public string? Type { get; private set; }
    public IReadOnlyList<string> Streams { get; private set; } = [];
    public bool MoreStreams { get; private set; }
    public string? Stream { get; private set; }
    public IReadOnlyList<AuditEvent> Events { get; private set; } = [];
    public VerifyResult? Verified { get; private set; }
    /// <summary>The event the slider is on (1-based index into <see cref="Events"/>).</summary>
    public int UpTo { get; private set; }
    public string? State { get; private set; }
    public string? StateProblem { get; private set; }
    public LatestCheckpoint.Reading Checkpoint { get; private set; } = new(null, null);

    /// <summary>The latest checkpoint's signed note as plain text (404 when there is none).</summary>
    public async Task<IActionResult> OnGetCheckpointAsync(CancellationToken cancel)
    {
        var reading = await LatestCheckpoint.ReadAsync(showroom, cancel);
        return reading.Checkpoint is { } latest
            ? Content(latest.Note, "text/plain; charset=utf-8")
            : new ContentResult { StatusCode = StatusCodes.Status404NotFound, Content = reading.Missing, ContentType = "text/plain; charset=utf-8" };
    }

    public async Task OnGetAsync(string? type, string? stream, int? upTo, CancellationToken cancel)
    {
        Checkpoint = await LatestCheckpoint.ReadAsync(showroom, cancel);
        Type = type is not null && Types.Contains(type) ? type : null;
        if (stream is not null && StreamReplay.Parse(stream) is { } parsed && await journal.ExistsAsync(stream, cancel))
        {
            Stream = stream;
            Type ??= parsed.Type;
        }
        if (Type is not null)
        {
            var ids = new List<string>();
            await foreach (var id in journal.PersistenceIdsAsync(Type, cancel))
            {
                if (ids.Count == MaxListed)
                {
                    MoreStreams = true;
                    break;
                }
                ids.Add(id);
            }
            Streams = ids;
        }
        if (Stream is null)
        {
            if (stream is not null)
            {
                StateProblem = $"There is no stream '{stream}' in the journal.";
                Response.StatusCode = StatusCodes.Status404NotFound;
            }
            return;
        }

        var events = new List<AuditEvent>();
        await foreach (var row in journal.StreamAsync(Stream, cancel: cancel))
        {
            var (at, _, hash, _) = ChainedEventJson.ReadParts(row.Message);
            events.Add(new AuditEvent(row.SequenceNr, DateTimeOffset.Parse(at, CultureInfo.InvariantCulture), row.Manifest, hash, row.Deleted));
        }
        Events = events;
        Verified = await ChainVerifier.VerifyAsync(journal.StreamAsync(Stream, cancel: cancel), Stream, cancel, AuditGuard.Get(showroom.System).Key.Seals);
        if (events.Count == 0) return;
        UpTo = Math.Clamp(upTo ?? events.Count, 1, events.Count);
        try
        {
            var json = await AsOfViews.StateAsync(journal, Stream, events[UpTo - 1].At, cancel);
            State = JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement, Pretty);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            StateProblem = e.Message;
        }
    }

    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

/// <summary>One event of a stream as the explorer lists it.</summary>
public sealed record AuditEvent(long Seq, DateTimeOffset At, string Type, string Hash, bool Deleted);
