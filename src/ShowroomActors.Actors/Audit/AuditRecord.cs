using System.Text.Json;
using ShowroomActors.Actors.Serialization;

namespace ShowroomActors.Actors.Audit;

/// <summary>
/// A journal row as auditors see it: position, time, manifest ("type"), the event as readable JSON, and its
/// links in the hash chain. Written straight from the stored bytes, without re-serializing the event.
/// </summary>
public static class AuditRecord
{
    /// <summary>
    /// Writes the row; <c>prevHash</c> is the one the row stores, else <paramref name="previousHash"/> (the hash of the
    /// stream's row before, which a reader going through a stream in order knows), else the genesis hash for a stream's
    /// first event; left out when none is known (the global log of rows that do not store it). Returns the row's hash.
    /// </summary>
    public static string Write(Utf8JsonWriter writer, JournalRow row, bool withStreamFields, string? previousHash = null)
    {
        var (at, stored, hash, payload) = ChainedEventJson.ReadParts(row.Message);
        var prevHash = stored ?? previousHash ?? (row.SequenceNr == 1 ? Domain.Audit.HashChain.Genesis : null);
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
        if (prevHash is not null) writer.WriteString("prevHash", prevHash);
        writer.WriteString("hash", hash);
        writer.WriteEndObject();
        return hash;
    }

    /// <summary>The record's own time, from the stored envelope.</summary>
    public static DateTimeOffset AtOf(JournalRow row) =>
        DateTimeOffset.Parse(ChainedEventJson.ReadParts(row.Message).At, System.Globalization.CultureInfo.InvariantCulture);
}
