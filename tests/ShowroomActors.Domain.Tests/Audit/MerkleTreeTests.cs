using System.Security.Cryptography;
using ShowroomActors.Domain.Audit;
using ShowroomActors.TestSupport;
using Reference = ShowroomActors.TestSupport.ReferenceMerkle;

namespace ShowroomActors.Domain.Tests.Audit;

/// <summary>
/// The production Merkle code against RFC 6962's test vectors and against <see cref="ReferenceMerkle"/>, an independent
/// implementation written straight from the RFC's recursive definitions (no shared code).
/// </summary>
public sealed class MerkleTreeTests
{
    /// <summary>The leaf inputs of the RFC 6962 reference tests (certificate-transparency's merkle tree tests).</summary>
    private static readonly byte[][] VectorLeaves =
    [
        [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
        [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        [0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
    ];

    [Theory]
    [InlineData(1, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")]
    [InlineData(2, "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")]
    [InlineData(3, "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77")]
    [InlineData(4, "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")]
    [InlineData(5, "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4")]
    [InlineData(6, "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef")]
    [InlineData(7, "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c")]
    [InlineData(8, "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328")]
    public void Roots_match_the_rfc_6962_test_vectors(int size, string root)
    {
        var frontier = new MerkleFrontier();
        foreach (var leaf in VectorLeaves.Take(size)) frontier.Append(MerkleTree.LeafHash(leaf));
        Assert.Equal(root, Convert.ToHexStringLower(frontier.Root()));
    }

    [Fact]
    public void The_empty_tree_hashes_the_empty_string() =>
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(new MerkleFrontier().Root()));

    private static List<byte[]> Leaves(int n) =>
        Enumerable.Range(0, n).Select(i => Reference.Leaf(SHA256.HashData(BitConverter.GetBytes(i)))).ToList();

    public static TheoryData<int> Sizes() => [1, 2, 3, 4, 5, 7, 8, 9, 13, 31, 32, 33, 100, 257];

    [Theory]
    [MemberData(nameof(Sizes))]
    public void The_frontier_root_equals_the_reference_root_and_reports_the_perfect_subtrees(int n)
    {
        var leaves = Leaves(n);
        var frontier = new MerkleFrontier();
        foreach (var leaf in leaves)
            frontier.Append(leaf, (height, index, hash) =>
                Assert.Equal(Reference.Root(leaves.Skip((int)(index << height)).Take(1 << height).ToList()), hash));
        Assert.Equal(Reference.Root(leaves), frontier.Root());
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Inclusion_proofs_are_the_reference_paths_and_verify_both_ways(int n)
    {
        var leaves = Leaves(n);
        var root = Reference.Root(leaves);
        for (var m = 0; m < n; m++)
        {
            var proof = MerkleTree.InclusionRanges(m, n).Select(r => Reference.Root(leaves.Skip((int)r.Start).Take((int)(r.End - r.Start)).ToList())).ToList();
            Assert.Equal(Reference.Path(m, leaves), proof);
            Assert.True(MerkleTree.VerifyInclusion(m, n, leaves[m], proof, root));
            Assert.True(Reference.VerifyInclusion(m, n, leaves[m], proof, root));
            if (n > 1) Assert.False(MerkleTree.VerifyInclusion(m, n, leaves[(m + 1) % n], proof, root));
            if (proof.Count > 0)
            {
                var bent = proof.Select(p => p.ToArray()).ToList();
                bent[^1][0] ^= 1;
                Assert.False(MerkleTree.VerifyInclusion(m, n, leaves[m], bent, root));
            }
            if (n > 1) Assert.False(MerkleTree.VerifyInclusion(m, n, leaves[m], proof, Reference.Root(leaves.Take(n - 1).Append(leaves[0]).ToList())));
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Consistency_proofs_are_the_reference_proofs_and_verify_both_ways(int n)
    {
        var leaves = Leaves(n);
        var second = Reference.Root(leaves);
        for (var m = 1; m <= n; m++)
        {
            var first = Reference.Root(leaves.Take(m).ToList());
            var proof = MerkleTree.ConsistencyRanges(m, n).Select(r => Reference.Root(leaves.Skip((int)r.Start).Take((int)(r.End - r.Start)).ToList())).ToList();
            Assert.Equal(Reference.Consistency(m, leaves), proof);
            Assert.True(MerkleTree.VerifyConsistency(m, n, first, second, proof));
            Assert.True(Reference.VerifyConsistency(m, n, first, second, proof));
            if (m < n)
            {
                var otherFirst = Reference.Root(Leaves(m + 1).Skip(1).ToList());
                Assert.False(MerkleTree.VerifyConsistency(m, n, otherFirst, second, proof));
                Assert.False(MerkleTree.VerifyConsistency(m, n, first, otherFirst, proof));
            }
        }
    }
}
