using System.Text.Json;
using ShowroomActors.Actors.Serialization;

namespace ShowroomActors.Actors.Audit;

/// <summary>
/// A journal row as auditors see it: position, time, manifest ("type"), the event as readable JSON, and its
/// links in the hash chain. Written straight from the stored bytes, without re-serializing the event.
/// </summary>
public static class AuditRecord
{
    public static void Write(Utf8JsonWriter writer, JournalRow row, bool withStreamFields)
    {
        var (at, prevHash, hash, payload) = ChainedEventJson.ReadParts(row.Message);
        writer.WriteStartObject();
        if (withStreamFields)
        {
            writer.WriteNumber("ordering", row.Ordering);
            writer.WriteString("persistenceId", row.PersistenceId);
        }
        writer.WriteNumber("seq", row.SequenceNr);
        writer.WriteString("at", at);
        writer.WriteString("type", row.Manifest);
        writer.WritePropertyName("event");
        writer.WriteRawValue(payload, skipInputValidation: true);
        writer.WriteString("prevHash", prevHash);
        writer.WriteString("hash", hash);
        writer.WriteEndObject();
    }

    /// <summary>The record's own time, from the stored envelope.</summary>
    public static DateTimeOffset AtOf(JournalRow row) =>
        DateTimeOffset.Parse(ChainedEventJson.ReadParts(row.Message).At, System.Globalization.CultureInfo.InvariantCulture);
}
