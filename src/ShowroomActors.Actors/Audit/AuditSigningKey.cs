using System.Security.Cryptography;
using ShowroomActors.Domain.Audit;

namespace ShowroomActors.Actors.Audit;

/// <summary>
/// The audit key: an ECDSA P-256 private key in a PEM file (PKCS#8), kept outside the database
/// (<c>SHOWROOM_AUDIT_SIGNING_KEY</c>, else generated into the data folder). It signs the transparency log's checkpoints,
/// and the seal key of events and snapshots is derived from it (<see cref="SealKey.Derive"/>). Every node of a cluster
/// must use the same file: a node with another key cannot check the seals the others wrote.
/// </summary>
public sealed class AuditSigningKey : IDisposable
{
    private readonly ECDsa _key;

    private AuditSigningKey(ECDsa key, string? path, bool generated)
    {
        _key = key;
        Path = path;
        Generated = generated;
        PublicKey = new AuditPublicKey(key.ExportSubjectPublicKeyInfo());
        Seals = SealKey.Derive(key.ExportParameters(includePrivateParameters: true).D!);
    }

    /// <summary>The file the key came from (null: made in memory, for tests without a data folder).</summary>
    public string? Path { get; }
    /// <summary>True when this start created the file.</summary>
    public bool Generated { get; }
    public AuditPublicKey PublicKey { get; }
    /// <summary>The key that seals events and snapshots.</summary>
    public SealKey Seals { get; }

    /// <summary>An ECDSA P-256 / SHA-256 signature (ASN.1 DER, as the C2SP signed-note ECDSA type uses).</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) =>
        _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    /// <summary>
    /// Loads the key in <paramref name="path"/>, or creates it (readable by this user only) when there is no such file.
    /// Two processes creating it at once end up with the same key: the file is written under a temporary name and
    /// moved into place only if nobody was first.
    /// </summary>
    public static AuditSigningKey LoadOrCreate(string path)
    {
        if (File.Exists(path)) return Load(path);
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(temporary, System.Text.Encoding.ASCII, options)) writer.Write(key.ExportPkcs8PrivateKeyPem());
        try
        {
            File.Move(temporary, path, overwrite: false);
            return new AuditSigningKey(key, path, generated: true);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            key.Dispose();
            return Load(path);
        }
    }

    /// <summary>Reads a PEM private key (PKCS#8 or SEC1 "EC PRIVATE KEY"); it must be ECDSA on P-256.</summary>
    public static AuditSigningKey Load(string path)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new InvalidDataException($"{path} does not hold an ECDSA private key in PEM form: {e.Message}", e);
        }
        var parameters = key.ExportParameters(includePrivateParameters: true);
        if (parameters.D is null || parameters.Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            key.Dispose();
            throw new InvalidDataException($"{path} must hold an ECDSA P-256 private key.");
        }
        return new AuditSigningKey(key, path, generated: false);
    }

    /// <summary>A key that lives only in memory (actor systems built without a data folder, e.g. in unit tests).</summary>
    public static AuditSigningKey Ephemeral() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256), null, generated: true);

    public void Dispose() => _key.Dispose();
}
