using System.Security.Cryptography;
using System.Text;
using ShowroomActors.Domain.Audit;

namespace ShowroomActors.Domain.Tests.Audit;

public sealed class SealKeyTests
{
    private static readonly SealKey Key = SealKey.Derive(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly string Hash = new('a', 64);

    [Fact]
    public void An_event_seal_is_a_truncated_hmac_of_the_hash_with_the_derived_key()
    {
        var derived = HKDF.DeriveKey(HashAlgorithmName.SHA256, Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(), 32, [], "showroom-actors seal key v1"u8.ToArray());
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(derived, Encoding.ASCII.GetBytes("event\n" + Hash))[..16]);
        Assert.Equal(expected, Key.SealEvent(Hash));
        Assert.True(Key.EventSealMatches(Hash, expected));
    }

    [Fact]
    public void A_seal_matches_only_its_hash_and_its_key()
    {
        var seal = Key.SealEvent(Hash);
        Assert.False(Key.EventSealMatches(new string('b', 64), seal));
        Assert.False(SealKey.Derive(new byte[32]).EventSealMatches(Hash, seal));
        Assert.False(Key.EventSealMatches(Hash, null));
        Assert.False(Key.EventSealMatches(Hash, "not-hex-" + seal[8..]));
        Assert.False(Key.EventSealMatches(Hash, seal[..30]));
    }

    [Fact]
    public void A_snapshot_seal_covers_stream_position_hash_and_content()
    {
        var content = """{"state":{"onHand":12}}"""u8.ToArray();
        var seal = Key.SealSnapshot("product-rice", 100, Hash, content);
        Assert.True(Key.SnapshotSealMatches("product-rice", 100, Hash, content, seal));
        Assert.False(Key.SnapshotSealMatches("product-rics", 100, Hash, content, seal));
        Assert.False(Key.SnapshotSealMatches("product-rice", 101, Hash, content, seal));
        Assert.False(Key.SnapshotSealMatches("product-rice", 100, new string('b', 64), content, seal));
        Assert.False(Key.SnapshotSealMatches("product-rice", 100, Hash, """{"state":{"onHand":13}}"""u8.ToArray(), seal));
        // An event seal is never a snapshot seal, and the other way round.
        Assert.False(Key.EventSealMatches(Hash, seal));
    }
}
