using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ShowroomActors.Domain.Audit;

/// <summary>
/// The tamper-evidence chain over each entity's journal (DESIGN.md section 3).
/// hash = SHA-256( persistenceId \n sequenceNr \n at \n manifest \n prevHash \n payload-bytes ), lowercase hex.
/// <c>at</c> is the exact ISO-8601 text stored in the record; the payload is the event's JSON bytes as stored.
/// The first event of a stream links to <see cref="Genesis"/>.
/// </summary>
public static class HashChain
{
    /// <summary>The previous hash of a stream's first event: 64 zeros.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The timestamp format used in records and in the hash: UTC, 100 ns precision, always 28 chars.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string FormatTimestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    public static string Compute(string persistenceId, long sequenceNr, string at, string manifest, string prevHash, ReadOnlySpan<byte> payload)
    {
        // One buffer for header and payload, one SHA-256 call: this runs for every event written and verified.
        var headerChars = persistenceId.Length + at.Length + manifest.Length + prevHash.Length + 24;
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(headerChars) + payload.Length);
        try
        {
            var length = 0;
            length += Encoding.UTF8.GetBytes(persistenceId, buffer.AsSpan(length));
            buffer[length++] = (byte)'\n';
            sequenceNr.TryFormat(buffer.AsSpan(length), out var digits, provider: CultureInfo.InvariantCulture);
            length += digits;
            buffer[length++] = (byte)'\n';
            length += Encoding.UTF8.GetBytes(at, buffer.AsSpan(length));
            buffer[length++] = (byte)'\n';
            length += Encoding.UTF8.GetBytes(manifest, buffer.AsSpan(length));
            buffer[length++] = (byte)'\n';
            length += Encoding.UTF8.GetBytes(prevHash, buffer.AsSpan(length));
            buffer[length++] = (byte)'\n';
            payload.CopyTo(buffer.AsSpan(length));
            length += payload.Length;
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.AsSpan(0, length), hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
