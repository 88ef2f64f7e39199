using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ShowroomActors.Domain.Audit;

/// <summary>
/// The tamper-evidence chain over each entity's journal (docs/OPERATIONS.md, "Reading the journal by hand"; docs/AUDIT.md).
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
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        ComputeInto(persistenceId, sequenceNr, at, manifest, prevHash, payload, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// True when <paramref name="expectedHash"/> (lowercase hex, as stored) is the hash of this content. Checked for
    /// every event an entity recovers, so it allocates nothing.
    /// </summary>
    public static bool Matches(string persistenceId, long sequenceNr, string at, string manifest, string prevHash, ReadOnlySpan<byte> payload, string expectedHash)
    {
        if (expectedHash.Length != SHA256.HashSizeInBytes * 2) return false;
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        ComputeInto(persistenceId, sequenceNr, at, manifest, prevHash, payload, hash);
        Span<char> hex = stackalloc char[SHA256.HashSizeInBytes * 2];
        Convert.TryToHexStringLower(hash, hex, out _);
        return hex.SequenceEqual(expectedHash);
    }

    /// <summary>The raw 32 bytes of a stored (lowercase hex) hash; false when the text is not a SHA-256 in hex.</summary>
    public static bool TryParse(string hashHex, Span<byte> hash) =>
        hashHex.Length == SHA256.HashSizeInBytes * 2 && hash.Length == SHA256.HashSizeInBytes
        && Convert.FromHexString(hashHex, hash, out _, out var written) == System.Buffers.OperationStatus.Done && written == hash.Length;

    private static void ComputeInto(string persistenceId, long sequenceNr, string at, string manifest, string prevHash, ReadOnlySpan<byte> payload, Span<byte> hash)
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
            SHA256.HashData(buffer.AsSpan(0, length), hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
