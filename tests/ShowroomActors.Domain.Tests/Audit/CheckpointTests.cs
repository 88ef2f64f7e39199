using System.Security.Cryptography;
using System.Text;
using ShowroomActors.Domain.Audit;

namespace ShowroomActors.Domain.Tests.Audit;

public sealed class CheckpointTests
{
    private static readonly ECDsa Key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private static readonly AuditPublicKey Public = new(Key.ExportSubjectPublicKeyInfo());
    private static readonly Checkpoint Sample = new("showroom.example/audit", 1234, SHA256.HashData("root"u8), new DateTimeOffset(2026, 11, 29, 14, 0, 0, TimeSpan.Zero));

    private static string Signed(Checkpoint checkpoint) =>
        checkpoint.Sign(body => Key.SignData(body, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence), Public.KeyId);

    [Fact]
    public void A_signed_note_is_the_c2sp_checkpoint_layout_and_verifies_with_the_public_key()
    {
        var note = Signed(Sample);
        var lines = note.Split('\n');
        Assert.Equal("showroom.example/audit", lines[0]);
        Assert.Equal("1234", lines[1]);
        Assert.Equal(Convert.ToBase64String(Sample.RootHash), lines[2]);
        Assert.Equal("time 2026-11-29T14:00:00Z", lines[3]);
        Assert.Equal("", lines[4]);
        Assert.StartsWith("\u2014 showroom.example/audit ", lines[5]);
        // Key id: SHA-256 of the DER SubjectPublicKeyInfo, first four bytes big-endian (signed-note type 0x02).
        var signed = Convert.FromBase64String(lines[5].Split(' ')[2]);
        Assert.Equal(SHA256.HashData(Key.ExportSubjectPublicKeyInfo())[..4], signed[..4]);
        Assert.True(Key.VerifyData(Encoding.UTF8.GetBytes(string.Join('\n', lines[..4]) + "\n"), signed[4..], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

        var back = Checkpoint.Verify(note, Public);
        Assert.Equal(1234, back.TreeSize);
        Assert.Equal(Sample.RootHash, back.RootHash);
        Assert.Equal(Sample.Time, back.Time);
    }

    [Fact]
    public void An_altered_note_or_another_key_does_not_verify()
    {
        var note = Signed(Sample);
        Assert.Throws<CheckpointException>(() => Checkpoint.Verify(note.Replace("\n1234\n", "\n1235\n", StringComparison.Ordinal), Public));
        Assert.Throws<CheckpointException>(() => Checkpoint.Verify(note.Replace("time 2026", "time 2027", StringComparison.Ordinal), Public));
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Throws<CheckpointException>(() => Checkpoint.Verify(note, new AuditPublicKey(other.ExportSubjectPublicKeyInfo())));
        Assert.Throws<CheckpointException>(() => Checkpoint.Verify("not a note", Public));
        Assert.Equal(1234, Checkpoint.Parse(note).TreeSize);
    }
}
