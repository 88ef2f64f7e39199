using System.Numerics;
using System.Security.Cryptography;

namespace ShowroomActors.Domain.Audit;

/// <summary>
/// The Merkle tree hashing of RFC 9162 (section 2.1): leaf = SHA-256(0x00 || entry), node = SHA-256(0x01 || left || right),
/// the empty tree's root = SHA-256(""). A tree of n leaves splits at k, the largest power of two smaller than n.
/// Here an entry is an event's chain hash (its 32 raw bytes). Proofs are made from subtree hashes the caller supplies
/// (<see cref="InclusionRanges"/>, <see cref="ConsistencyRanges"/>: the leaf ranges whose hashes form the proof, in
/// order) and checked with the RFC's algorithms (<see cref="VerifyInclusion"/>, <see cref="VerifyConsistency"/>).
/// </summary>
public static class MerkleTree
{
    public const int HashBytes = 32;

    public static byte[] EmptyRoot { get; } = SHA256.HashData(ReadOnlySpan<byte>.Empty);

    public static byte[] LeafHash(ReadOnlySpan<byte> entry)
    {
        Span<byte> input = stackalloc byte[1 + entry.Length];
        input[0] = 0x00;
        entry.CopyTo(input[1..]);
        return SHA256.HashData(input);
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> input = stackalloc byte[1 + HashBytes * 2];
        input[0] = 0x01;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + HashBytes)..]);
        return SHA256.HashData(input);
    }

    /// <summary>The largest power of two smaller than <paramref name="n"/> (n ≥ 2).</summary>
    public static long Split(long n) => 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));

    /// <summary>
    /// The leaf ranges [start, end) whose hashes make the inclusion proof of leaf <paramref name="index"/> in a tree of
    /// <paramref name="size"/> leaves: PATH(m, D[n]) of RFC 9162 2.1.3.1, nearest the leaf first.
    /// </summary>
    public static IReadOnlyList<(long Start, long End)> InclusionRanges(long index, long size)
    {
        if (index < 0 || index >= size) throw new ArgumentOutOfRangeException(nameof(index), $"leaf {index} is not in a tree of {size}");
        var ranges = new List<(long, long)>();
        Path(index, 0, size, ranges);
        return ranges;
    }

    private static void Path(long m, long start, long end, List<(long, long)> ranges)
    {
        var n = end - start;
        if (n == 1) return;
        var k = Split(n);
        if (m - start < k)
        {
            Path(m, start, start + k, ranges);
            ranges.Add((start + k, end));
        }
        else
        {
            Path(m, start + k, end, ranges);
            ranges.Add((start, start + k));
        }
    }

    /// <summary>
    /// The leaf ranges whose hashes make the consistency proof from a tree of <paramref name="first"/> leaves to one of
    /// <paramref name="second"/>: PROOF(m, D[n]) of RFC 9162 2.1.4.1. Empty when first is 0 or equal to second.
    /// </summary>
    public static IReadOnlyList<(long Start, long End)> ConsistencyRanges(long first, long second)
    {
        if (first < 0 || first > second) throw new ArgumentOutOfRangeException(nameof(first), $"cannot prove {first} consistent with {second}");
        var ranges = new List<(long, long)>();
        if (first > 0 && first < second) SubProof(first, 0, second, true, ranges);
        return ranges;
    }

    private static void SubProof(long m, long start, long end, bool complete, List<(long, long)> ranges)
    {
        var n = end - start;
        if (m == n)
        {
            if (!complete) ranges.Add((start, end));
            return;
        }
        var k = Split(n);
        if (m <= k)
        {
            SubProof(m, start, start + k, complete, ranges);
            ranges.Add((start + k, end));
        }
        else
        {
            SubProof(m - k, start + k, end, false, ranges);
            ranges.Add((start, start + k));
        }
    }

    /// <summary>RFC 9162 2.1.3.2: true when <paramref name="proof"/> proves <paramref name="leafHash"/> at <paramref name="index"/> under <paramref name="root"/>.</summary>
    public static bool VerifyInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        if (index < 0 || index >= size) return false;
        long fn = index, sn = size - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (p.Length != HashBytes || sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                if ((fn & 1) == 0)
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
            }
            else
            {
                r = NodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>RFC 9162 2.1.4.2: true when <paramref name="proof"/> shows the tree of <paramref name="first"/> leaves is a prefix of the one of <paramref name="second"/>.</summary>
    public static bool VerifyConsistency(long first, long second, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot, IReadOnlyList<byte[]> proof)
    {
        if (first < 0 || first > second) return false;
        if (first == second) return proof.Count == 0 && firstRoot.SequenceEqual(secondRoot);
        if (first == 0) return proof.Count == 0;
        if (proof.Count == 0 || proof.Any(p => p.Length != HashBytes)) return false;
        var path = BitOperations.IsPow2(first) ? [firstRoot.ToArray(), .. proof] : proof.ToList();
        long fn = first - 1, sn = second - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }
        var fr = path[0];
        var sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                if ((fn & 1) == 0)
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
            }
            else
            {
                sr = NodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && fr.AsSpan().SequenceEqual(firstRoot) && sr.AsSpan().SequenceEqual(secondRoot);
    }
}
