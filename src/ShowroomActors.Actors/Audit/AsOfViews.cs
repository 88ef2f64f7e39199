using System.Text.Encodings.Web;
using System.Text.Json;
using ShowroomActors.Actors.Serialization;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Actors.Audit;

/// <summary>
/// The two "as it stood then" answers auditors ask for, shared by the audit API and the offline CLI: an entity's
/// state, and a unit's quota figures, each replayed from the journal up to an instant and rendered as JSON.
/// </summary>
public static class AsOfViews
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary><c>{persistenceId, at, lastSeq, events, state}</c>; the stream must exist and be of a known type.</summary>
    public static async Task<byte[]> StateAsync(AuditJournal journal, string persistenceId, DateTimeOffset? at, CancellationToken cancel)
    {
        var (state, lastSeq, events) = await StreamReplay.StateAsOfAsync(journal.StreamAsync(persistenceId, cancel: cancel), persistenceId, at, cancel);
        return Render(writer =>
        {
            writer.WriteString("persistenceId", persistenceId);
            if (at is { } instant) writer.WriteString("at", instant); else writer.WriteNull("at");
            writer.WriteNumber("lastSeq", lastSeq);
            writer.WriteNumber("events", events);
            writer.WritePropertyName("state");
            writer.WriteRawValue(MessageRegistry.Find(state.GetType()).ToJson(state), skipInputValidation: true);
        });
    }

    /// <summary>
    /// <c>{buyerId, year, at, asOfSeq, quota}</c> computed by the domain's own quota rules over the buyer's events up
    /// to <paramref name="at"/>, or the rejection those rules give (e.g. a year without a plan).
    /// </summary>
    public static Task<(byte[]? Json, Rejection? Rejection)> QuotaAsync(AuditJournal journal, string buyerId, int year, DateTimeOffset at, CancellationToken cancel) =>
        QuotaAsync(journal.StreamAsync($"buyer-{buyerId}", cancel: cancel), buyerId, year, at, cancel);

    /// <summary>The same over the buyer's rows given (e.g. the rows a quota certificate carries).</summary>
    public static async Task<(byte[]? Json, Rejection? Rejection)> QuotaAsync(IAsyncEnumerable<JournalRow> rows, string buyerId, int year, DateTimeOffset at, CancellationToken cancel)
    {
        var pid = $"buyer-{buyerId}";
        var (state, lastSeq, _) = await StreamReplay.StateAsOfAsync(rows, pid, at, cancel);
        var answer = BuyerQueries.Quota((BuyerState)state, year, at);
        if (answer is not BuyerReply.Quota { Figures: var figures }) return (null, answer.RejectionOrNull());
        return (Render(writer =>
        {
            writer.WriteString("buyerId", buyerId);
            writer.WriteNumber("year", year);
            writer.WriteString("at", at);
            writer.WriteNumber("asOfSeq", lastSeq);
            writer.WritePropertyName("quota");
            writer.WriteRawValue(MessageRegistry.Find(figures.GetType()).ToJson(figures), skipInputValidation: true);
        }), null);
    }

    private static byte[] Render(Action<Utf8JsonWriter> writeMembers)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
