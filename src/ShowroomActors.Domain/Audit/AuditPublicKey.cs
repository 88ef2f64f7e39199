using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ShowroomActors.Domain.Audit;

/// <summary>
/// The public half of the audit key (ECDSA P-256): all an auditor needs to check checkpoints, proofs and quota
/// certificates. Its key id is the one the C2SP signed-note ECDSA type (0x02) uses: the first four bytes, big-endian,
/// of SHA-256 over the DER SubjectPublicKeyInfo.
/// </summary>
public sealed class AuditPublicKey
{
    private readonly byte[] _spki;

    public AuditPublicKey(ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        if (key.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            throw new CryptographicException("The audit key must be an ECDSA P-256 key.");
        _spki = subjectPublicKeyInfo.ToArray();
        KeyId = BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(_spki));
    }

    /// <summary>Reads a PEM public key (<c>-----BEGIN PUBLIC KEY-----</c>).</summary>
    public static AuditPublicKey FromPem(string pem)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(pem);
        return new AuditPublicKey(key.ExportSubjectPublicKeyInfo());
    }

    public uint KeyId { get; }

    public ReadOnlySpan<byte> SubjectPublicKeyInfo => _spki;

    public string Pem => PemEncoding.WriteString("PUBLIC KEY", _spki) + "\n";

    /// <summary>True when <paramref name="signature"/> (ASN.1 DER) is this key's ECDSA/SHA-256 signature of <paramref name="data"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(_spki, out _);
        try
        {
            return key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
