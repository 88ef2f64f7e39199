using System.Security.Cryptography;

namespace ShowroomActors.TestSupport;

/// <summary>
/// An independent implementation of RFC 6962/9162 Merkle trees, written straight from the RFC's recursive definitions
/// and sharing no code with the production one: tests check the production trees, proofs and checkpoints against it.
/// Hashes are raw 32-byte arrays; leaf inputs are an event's chain hash (its raw bytes).
/// </summary>
public static class ReferenceMerkle
{
    private static byte[] H(params byte[][] parts) => SHA256.HashData(parts.SelectMany(p => p).ToArray());

    public static byte[] Leaf(byte[] entry) => H([0x00], entry);

    private static long K(long n)
    {
        long k = 1;
        while (k * 2 < n) k *= 2;
        return k;
    }

    /// <summary>MTH(D[n]) over leaf hashes.</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leaves)
    {
        if (leaves.Count == 0) return H();
        if (leaves.Count == 1) return leaves[0];
        var k = (int)K(leaves.Count);
        return H([0x01], Root(leaves.Take(k).ToList()), Root(leaves.Skip(k).ToList()));
    }

    /// <summary>PATH(m, D[n]).</summary>
    public static List<byte[]> Path(int m, IReadOnlyList<byte[]> d)
    {
        if (d.Count == 1) return [];
        var k = (int)K(d.Count);
        return m < k
            ? [.. Path(m, d.Take(k).ToList()), Root(d.Skip(k).ToList())]
            : [.. Path(m - k, d.Skip(k).ToList()), Root(d.Take(k).ToList())];
    }

    /// <summary>PROOF(m, D[n]) = SUBPROOF(m, D[n], true).</summary>
    public static List<byte[]> Consistency(int m, IReadOnlyList<byte[]> d) => m == d.Count || m == 0 ? [] : SubProof(m, d, true);

    private static List<byte[]> SubProof(int m, IReadOnlyList<byte[]> d, bool b)
    {
        if (m == d.Count) return b ? [] : [Root(d)];
        var k = (int)K(d.Count);
        return m <= k
            ? [.. SubProof(m, d.Take(k).ToList(), b), Root(d.Skip(k).ToList())]
            : [.. SubProof(m - k, d.Skip(k).ToList(), false), Root(d.Take(k).ToList())];
    }

    /// <summary>Rebuilds the root from a leaf and its path by walking the recursive split top-down (the path's last element first).</summary>
    public static bool VerifyInclusion(long m, long n, byte[] leaf, IReadOnlyList<byte[]> proof, byte[] root)
    {
        if (m < 0 || m >= n) return false;
        var stack = new Stack<byte[]>(proof);
        byte[]? Walk(long index, long size)
        {
            if (size == 1) return leaf;
            if (stack.Count == 0) return null;
            var sibling = stack.Pop();
            var k = K(size);
            if (index < k)
            {
                var left = Walk(index, k);
                return left is null ? null : H([0x01], left, sibling);
            }
            var right = Walk(index - k, size - k);
            return right is null ? null : H([0x01], sibling, right);
        }
        var rebuilt = Walk(m, n);
        return rebuilt is not null && stack.Count == 0 && rebuilt.SequenceEqual(root);
    }

    /// <summary>
    /// Rebuilds both roots from a consistency proof by walking SUBPROOF's recursion top-down (its last element first):
    /// the old tree of <paramref name="m"/> leaves must be <paramref name="first"/>, the new one of <paramref name="n"/> <paramref name="second"/>.
    /// </summary>
    public static bool VerifyConsistency(long m, long n, byte[] first, byte[] second, IReadOnlyList<byte[]> proof)
    {
        if (m <= 0 || m > n) return m == 0 && proof.Count == 0;
        if (m == n) return proof.Count == 0 && first.SequenceEqual(second);
        var stack = new Stack<byte[]>(proof);
        (byte[] Old, byte[] New)? Walk(long mm, long size, bool complete)
        {
            if (mm == size)
            {
                if (complete) return (first, first);
                if (stack.Count == 0) return null;
                var whole = stack.Pop();
                return (whole, whole);
            }
            if (stack.Count == 0) return null;
            var other = stack.Pop();
            var k = K(size);
            if (mm <= k)
            {
                var left = Walk(mm, k, complete);
                return left is null ? null : (left.Value.Old, H([0x01], left.Value.New, other));
            }
            var right = Walk(mm - k, size - k, false);
            return right is null ? null : (H([0x01], other, right.Value.Old), H([0x01], other, right.Value.New));
        }
        var roots = Walk(m, n, true);
        return roots is not null && stack.Count == 0 && roots.Value.Old.SequenceEqual(first) && roots.Value.New.SequenceEqual(second);
    }
}
