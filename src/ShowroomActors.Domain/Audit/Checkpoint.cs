using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace ShowroomActors.Domain.Audit;

/// <summary>
/// A signed tree head of the transparency log, in the C2SP tlog-checkpoint text format (a C2SP signed note):
/// <code>
/// origin
/// tree size
/// base64 root hash
/// time 2026-11-29T14:00:00Z          (one extension line: when it was signed)
///
/// — origin base64(4-byte key id || ECDSA P-256 signature)
/// </code>
/// The signature (type 0x02 of the signed-note spec: ECDSA with SHA-256, ASN.1 DER) covers the text above the blank
/// line, its final newline included. The note is what an auditor keeps or publishes: with the public key alone it proves
/// that the log held <see cref="TreeSize"/> events with this root at <see cref="Time"/>.
/// </summary>
public sealed record Checkpoint(string Origin, long TreeSize, byte[] RootHash, DateTimeOffset Time)
{
    private const string TimePrefix = "time ";
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";
    private const string SignatureDash = "\u2014 ";

    /// <summary>The signed text: four lines, each ending in a newline.</summary>
    public string Body => string.Create(CultureInfo.InvariantCulture,
        $"{Origin}\n{TreeSize}\n{Convert.ToBase64String(RootHash)}\n{TimePrefix}{Time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)}\n");

    /// <summary>The signed note: the body, a blank line, one signature line by the key named after the origin.</summary>
    public string Note(uint keyId, byte[] signature)
    {
        var signed = new byte[4 + signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(signed, keyId);
        signature.CopyTo(signed, 4);
        return $"{Body}\n{SignatureDash}{Origin} {Convert.ToBase64String(signed)}\n";
    }

    /// <summary>Signs with <paramref name="sign"/> (an ECDSA P-256 / SHA-256 DER signature of the bytes given) as key <paramref name="keyId"/>.</summary>
    public string Sign(Func<byte[], byte[]> sign, uint keyId) => Note(keyId, sign(Encoding.UTF8.GetBytes(Body)));

    /// <summary>Reads a note and checks its signature by <paramref name="key"/>; a note that does not verify throws.</summary>
    public static Checkpoint Verify(string note, AuditPublicKey key)
    {
        var (body, signatures, checkpoint) = Split(note);
        var ours = signatures.Where(s => s.Name == checkpoint.Origin && s.KeyId == key.KeyId).ToList();
        if (ours.Count == 0)
            throw new CheckpointException($"the checkpoint carries no signature by key '{checkpoint.Origin}' {key.KeyId:x8}");
        if (!ours.All(s => key.Verify(Encoding.UTF8.GetBytes(body), s.Signature)))
            throw new CheckpointException("the checkpoint's signature does not verify: it was altered, or signed by another key");
        return checkpoint;
    }

    /// <summary>Reads a note without checking its signature (to show what it claims).</summary>
    public static Checkpoint Parse(string note) => Split(note).Checkpoint;

    private static (string Body, List<(string Name, uint KeyId, byte[] Signature)> Signatures, Checkpoint Checkpoint) Split(string note)
    {
        note = note.Replace("\r\n", "\n", StringComparison.Ordinal);
        var separator = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (separator < 0) throw new CheckpointException("not a signed note: no blank line before the signatures");
        var body = note[..(separator + 1)];
        var lines = body.Split('\n');
        if (lines.Length < 5 || lines[^1] != "") throw new CheckpointException("a checkpoint has an origin, a tree size, a root hash and a time line");
        if (!long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            throw new CheckpointException($"the tree size '{lines[1]}' is not a number");
        byte[] root;
        try
        {
            root = Convert.FromBase64String(lines[2]);
        }
        catch (FormatException)
        {
            throw new CheckpointException("the root hash is not base64");
        }
        if (root.Length != MerkleTree.HashBytes) throw new CheckpointException("the root hash is not 32 bytes");
        var timeLine = lines.Skip(3).FirstOrDefault(l => l.StartsWith(TimePrefix, StringComparison.Ordinal))
                       ?? throw new CheckpointException("the checkpoint has no time line");
        if (!DateTimeOffset.TryParseExact(timeLine[TimePrefix.Length..], TimeFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            throw new CheckpointException($"the time '{timeLine}' is not an ISO-8601 UTC instant");

        var signatures = new List<(string, uint, byte[])>();
        foreach (var line in note[(separator + 2)..].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.StartsWith(SignatureDash, StringComparison.Ordinal)) throw new CheckpointException($"not a signature line: '{line}'");
            var parts = line[SignatureDash.Length..].Split(' ');
            if (parts.Length != 2) throw new CheckpointException($"not a signature line: '{line}'");
            byte[] signed;
            try
            {
                signed = Convert.FromBase64String(parts[1]);
            }
            catch (FormatException)
            {
                throw new CheckpointException("a signature is not base64");
            }
            if (signed.Length <= 4) throw new CheckpointException("a signature is too short");
            signatures.Add((parts[0], BinaryPrimitives.ReadUInt32BigEndian(signed), signed[4..]));
        }
        if (signatures.Count == 0) throw new CheckpointException("the checkpoint is not signed");
        return (body, signatures, new Checkpoint(lines[0], size, root, time));
    }
}

/// <summary>A checkpoint that cannot be read or does not verify.</summary>
public sealed class CheckpointException(string message) : Exception(message);
