using System.Buffers;
using System.Text;
using System.Text.Json;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Actors.Serialization;

/// <summary>
/// Reads and writes the stored form of a chained event: <c>{"at":"…","hash":"…","seal":"…","event":{…}}</c>. The
/// event's bytes are written verbatim and read back as the exact slice stored, so the hash can always be recomputed
/// from the journal row and the hash of the row before it. The previous hash is part of what is hashed but not stored
/// again: it is the previous row's <c>hash</c> (rows written before this version repeat it as <c>prevHash</c>, 78 bytes
/// of every row; they are still read, and the stored value is then checked too).
/// </summary>
public static class ChainedEventJson
{
    public static byte[] Write(ChainedEvent chained)
    {
        // Written straight into a buffer big enough for the envelope: a writer over a stream would grow its own
        // buffer by doubling and then copy into the stream (three copies of every payload on the journal's hot path).
        var buffer = new ArrayBufferWriter<byte>(chained.Payload.Length + EnvelopeBytes);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("at", chained.At);
            writer.WriteString("hash", chained.Hash);
            if (chained.Seal is not null) writer.WriteString("seal", chained.Seal);
            writer.WritePropertyName("event");
            writer.WriteRawValue(chained.Payload, skipInputValidation: true);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Room for the envelope around the payload: the field names, a timestamp, a 64-character hash and a seal.</summary>
    private const int EnvelopeBytes = 200;

    public static ChainedEvent Read(byte[] bytes, MessageType type)
    {
        var envelope = ReadEnvelope(bytes);
        var evt = (IDomainEvent)type.FromJson(envelope.Payload);
        return new ChainedEvent(evt, type.Manifest, envelope.At, envelope.PrevHash, envelope.Hash, envelope.Payload, envelope.Seal);
    }

    /// <summary>
    /// The envelope's fields and the event's exact stored bytes, without interpreting the event. <c>PrevHash</c> is null
    /// unless the row stores it (rows written before the previous hash was left to the row before).
    /// </summary>
    public static (string At, string? PrevHash, string Hash, byte[] Payload) ReadParts(byte[] bytes)
    {
        var envelope = ReadEnvelope(bytes);
        return (envelope.At, envelope.PrevHash, envelope.Hash, envelope.Payload);
    }

    /// <summary>Every field of the stored envelope (the seal is null on events written before seals existed).</summary>
    public static ChainedEnvelope ReadEnvelope(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes);
        string? at = null, prevHash = null, hash = null, seal = null;
        byte[]? payload = null;
        Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            Expect(reader.Read());
            switch (name)
            {
                case "at": at = reader.GetString(); break;
                case "prevHash": prevHash = reader.GetString(); break;
                case "hash": hash = reader.GetString(); break;
                case "seal": seal = reader.GetString(); break;
                case "event":
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    payload = bytes[start..(int)reader.BytesConsumed];
                    break;
                default: reader.Skip(); break;
            }
        }
        if (at is null || hash is null || payload is null)
            throw new JsonException("A chained event needs 'at', 'hash' and 'event'.");
        return new ChainedEnvelope(at, prevHash, hash, seal, payload);
    }

    /// <summary>Only the row's hash, read without copying the event (for following a chain row by row).</summary>
    public static string HashOf(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes);
        Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isHash = reader.ValueTextEquals("hash"u8);
            Expect(reader.Read());
            if (isHash) return reader.GetString() ?? throw new JsonException("A chained event's 'hash' is null.");
            reader.Skip();
        }
        throw new JsonException("A chained event needs 'hash'.");
    }

    private static void Expect(bool condition)
    {
        if (!condition) throw new JsonException("Malformed chained event.");
    }

    /// <summary>The stored bytes as text, for auditors.</summary>
    public static string ToText(byte[] payload) => Encoding.UTF8.GetString(payload);
}

/// <summary>
/// The stored envelope of a chained event: its time, hash, seal and the event's exact bytes; <c>PrevHash</c> only on
/// rows written before the previous hash was left to the row before (else null).
/// </summary>
public readonly record struct ChainedEnvelope(string At, string? PrevHash, string Hash, string? Seal, byte[] Payload);
