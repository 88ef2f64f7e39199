using System.Text;
using ShowroomActors.Domain.Audit;

namespace ShowroomActors.Domain.Tests.Audit;

public sealed class HashChainTests
{
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("""{"productId":"rice"}""");
    private const string At = "2026-11-29T07:00:00.0000000Z";

    [Fact]
    public void The_hash_is_sha256_over_the_documented_layout()
    {
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            Encoding.UTF8.GetBytes($"product-rice\n1\n{At}\nproduct.registered.v1\n{HashChain.Genesis}\n").Concat(Payload).ToArray()));
        Assert.Equal(expected, HashChain.Compute("product-rice", 1, At, "product.registered.v1", HashChain.Genesis, Payload));
    }

    [Fact]
    public void Every_input_changes_the_hash()
    {
        var baseline = HashChain.Compute("product-rice", 1, At, "m.v1", HashChain.Genesis, Payload);
        Assert.NotEqual(baseline, HashChain.Compute("product-rics", 1, At, "m.v1", HashChain.Genesis, Payload));
        Assert.NotEqual(baseline, HashChain.Compute("product-rice", 2, At, "m.v1", HashChain.Genesis, Payload));
        Assert.NotEqual(baseline, HashChain.Compute("product-rice", 1, "2026-11-29T07:00:00.0000001Z", "m.v1", HashChain.Genesis, Payload));
        Assert.NotEqual(baseline, HashChain.Compute("product-rice", 1, At, "m.v2", HashChain.Genesis, Payload));
        Assert.NotEqual(baseline, HashChain.Compute("product-rice", 1, At, "m.v1", new string('1', 64), Payload));
        Assert.NotEqual(baseline, HashChain.Compute("product-rice", 1, At, "m.v1", HashChain.Genesis, Encoding.UTF8.GetBytes("""{"productId":"ricf"}""")));
    }

    [Fact]
    public void Timestamps_are_fixed_width_utc_with_100ns_precision()
    {
        var at = new DateTimeOffset(2026, 11, 29, 15, 0, 0, TimeSpan.FromHours(8)).AddTicks(1234567);
        Assert.Equal("2026-11-29T07:00:00.1234567Z", HashChain.FormatTimestamp(at));
    }
}
