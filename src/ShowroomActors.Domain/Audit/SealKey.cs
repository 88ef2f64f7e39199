using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ShowroomActors.Domain.Audit;

/// <summary>
/// The key of the keyed seals: a short HMAC-SHA256 that the system adds to every event it writes (over the event's
/// chain hash) and to every snapshot (over its state and the chain position it covers). The key is derived from the
/// audit signing key, which lives in a file outside the database, so someone who can only change the database cannot
/// make a seal: an edited and re-hashed chain, a forged event appended to a stream or an edited snapshot no longer
/// carries a seal that matches. A seal is 16 bytes (HMAC-SHA256 truncated, as RFC 2104 allows), stored as 32 hex digits.
/// <para>
/// Verifying a stream costs one HMAC for its last event: each hash covers the previous one, so a matching seal on the
/// last event vouches for the whole chain before it.
/// </para>
/// </summary>
public sealed class SealKey
{
    /// <summary>Bytes of a seal (before hex encoding).</summary>
    public const int SealBytes = 16;

    private static readonly byte[] DerivationLabel = "showroom-actors seal key v1"u8.ToArray();
    private readonly byte[] _key;

    public SealKey(ReadOnlySpan<byte> key)
    {
        if (key.Length < 32) throw new ArgumentException("A seal key needs at least 32 bytes.", nameof(key));
        _key = key.ToArray();
    }

    /// <summary>The seal key belonging to a signing key's secret (HKDF-SHA256 with a fixed label: one key file, two uses).</summary>
    public static SealKey Derive(ReadOnlySpan<byte> secret) =>
        new(HKDF.DeriveKey(HashAlgorithmName.SHA256, secret.ToArray(), 32, salt: [], info: DerivationLabel));

    /// <summary>The seal of an event: over its chain hash (which covers its stream, position, time, type, payload and predecessor).</summary>
    public string SealEvent(string hash)
    {
        Span<byte> seal = stackalloc byte[SealBytes];
        EventSeal(hash, seal);
        return Convert.ToHexStringLower(seal);
    }

    /// <summary>True when <paramref name="seal"/> is this key's seal of an event with <paramref name="hash"/>.</summary>
    public bool EventSealMatches(string hash, string? seal)
    {
        if (seal is null || seal.Length != SealBytes * 2) return false;
        Span<byte> expected = stackalloc byte[SealBytes];
        EventSeal(hash, expected);
        Span<byte> stored = stackalloc byte[SealBytes];
        return Convert.FromHexString(seal, stored, out _, out var written) == System.Buffers.OperationStatus.Done
               && written == SealBytes && CryptographicOperations.FixedTimeEquals(expected, stored);
    }

    /// <summary>The seal of a snapshot of <paramref name="persistenceId"/> at <paramref name="sequenceNr"/>: over the chain hash it continues from and its serialized content.</summary>
    public string SealSnapshot(string persistenceId, long sequenceNr, string lastHash, ReadOnlySpan<byte> content) =>
        Convert.ToHexStringLower(SnapshotSeal(persistenceId, sequenceNr, lastHash, content));

    public bool SnapshotSealMatches(string persistenceId, long sequenceNr, string lastHash, ReadOnlySpan<byte> content, string? seal)
    {
        if (seal is null || seal.Length != SealBytes * 2) return false;
        Span<byte> stored = stackalloc byte[SealBytes];
        return Convert.FromHexString(seal, stored, out _, out var written) == System.Buffers.OperationStatus.Done
               && written == SealBytes && CryptographicOperations.FixedTimeEquals(SnapshotSeal(persistenceId, sequenceNr, lastHash, content), stored);
    }

    private void EventSeal(string hash, Span<byte> seal)
    {
        // "event\n" + hash: the label keeps an event seal from ever being taken for a snapshot seal.
        Span<byte> input = stackalloc byte[6 + Encoding.ASCII.GetMaxByteCount(hash.Length)];
        "event\n"u8.CopyTo(input);
        var length = 6 + Encoding.ASCII.GetBytes(hash, input[6..]);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, input[..length], mac);
        mac[..SealBytes].CopyTo(seal);
    }

    private byte[] SnapshotSeal(string persistenceId, long sequenceNr, string lastHash, ReadOnlySpan<byte> content)
    {
        var header = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"snapshot\n{persistenceId}\n{sequenceNr}\n{lastHash}\n"));
        var input = new byte[header.Length + content.Length];
        header.CopyTo(input, 0);
        content.CopyTo(input.AsSpan(header.Length));
        return HMACSHA256.HashData(_key, input)[..SealBytes];
    }
}
