namespace ShowroomActors.Domain.Audit;

/// <summary>
/// The right edge of a growing Merkle tree: the roots of its perfect subtrees, largest first (one per set bit of the
/// size). Appending a leaf costs about two hashes; the root folds the subtrees from the right, as RFC 9162 splits.
/// <see cref="Append"/> reports each perfect subtree it completes, so a store can keep the ones it wants.
/// </summary>
public sealed class MerkleFrontier
{
    private readonly List<(int Height, byte[] Hash)> _subtrees = [];

    public long Size { get; private set; }

    /// <summary>The frontier of a tree whose perfect subtrees (largest first, heights = the set bits of its size) are given.</summary>
    public static MerkleFrontier From(long size, IReadOnlyList<byte[]> subtreeHashes)
    {
        var frontier = new MerkleFrontier { Size = size };
        var heights = Enumerable.Range(0, 63).Reverse().Where(h => (size & (1L << h)) != 0).ToList();
        if (heights.Count != subtreeHashes.Count) throw new ArgumentException($"a tree of {size} leaves has {heights.Count} perfect subtrees, not {subtreeHashes.Count}");
        for (var i = 0; i < heights.Count; i++) frontier._subtrees.Add((heights[i], subtreeHashes[i]));
        return frontier;
    }

    /// <summary>Appends a leaf (its leaf hash); calls <paramref name="completed"/> with (height, index, hash) of every perfect subtree of height ≥ 1 this completes.</summary>
    public void Append(byte[] leafHash, Action<int, long, byte[]>? completed = null)
    {
        _subtrees.Add((0, leafHash));
        Size++;
        while (_subtrees.Count >= 2 && _subtrees[^1].Height == _subtrees[^2].Height)
        {
            var (height, right) = _subtrees[^1];
            var left = _subtrees[^2].Hash;
            _subtrees.RemoveRange(_subtrees.Count - 2, 2);
            var merged = MerkleTree.NodeHash(left, right);
            _subtrees.Add((height + 1, merged));
            completed?.Invoke(height + 1, (Size >> (height + 1)) - 1, merged);
        }
    }

    public byte[] Root()
    {
        if (_subtrees.Count == 0) return MerkleTree.EmptyRoot;
        var root = _subtrees[^1].Hash;
        for (var i = _subtrees.Count - 2; i >= 0; i--) root = MerkleTree.NodeHash(_subtrees[i].Hash, root);
        return root;
    }

    public MerkleFrontier Clone()
    {
        var copy = new MerkleFrontier { Size = Size };
        copy._subtrees.AddRange(_subtrees);
        return copy;
    }
}
