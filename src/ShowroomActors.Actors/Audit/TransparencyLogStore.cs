using System.Data;
using System.Data.Common;
using System.Globalization;
using ShowroomActors.Actors.Configuration;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Domain.Audit;
using static ShowroomActors.Actors.Persistence.SqlCommands;

namespace ShowroomActors.Actors.Audit;

/// <summary>
/// The transparency log's tables, in the journal's own database:
/// <list type="bullet">
/// <item><c>audit_log (leaf, ordering, entry)</c>: one row per event in journal order, its 32-byte chain hash (the
/// leaf's entry) and the journal ordering it was read at. Leaves are numbered from 0 without gaps; their orderings rise.</item>
/// <item><c>audit_log_nodes (level, idx, hash)</c>: the root of every complete subtree of 256, 65,536, … leaves, so a
/// proof or a root never reads more than 255 rows per level it needs.</item>
/// <item><c>audit_checkpoints (tree_size, signed_at, note)</c>: every signed checkpoint, as the note that was signed.</item>
/// </list>
/// Each batch of leaves, the nodes it completes and the log's offset (in <c>projection_offsets</c>)
/// are written in one transaction by the log's only writer (<see cref="TransparencyLog"/>, a cluster singleton).
/// </summary>
public sealed class TransparencyLogStore(ShowroomSettings settings)
{
    public const string ProjectionId = "audit-log";

    /// <summary>Levels of the stored subtree roots are multiples of this (a tile of 2^8 = 256 leaves or nodes).</summary>
    public const int TileHeight = 8;

    private string Blob => settings.UsesPostgres ? "BYTEA" : "BLOB";
    private string WithoutRowId => settings.UsesPostgres ? "" : " WITHOUT ROWID";

    /// <summary>SQLite's INTEGER PRIMARY KEY is the row id itself: the leaf number costs no index of its own.</summary>
    private string LeafKey => settings.UsesPostgres ? "BIGINT NOT NULL PRIMARY KEY" : "INTEGER PRIMARY KEY";

    private string Schema => ProjectionOffsets.Schema + $"""
        CREATE TABLE IF NOT EXISTS audit_log (leaf {LeafKey}, ordering BIGINT NOT NULL, entry {Blob} NOT NULL);
        CREATE TABLE IF NOT EXISTS audit_log_nodes (level INTEGER NOT NULL, idx BIGINT NOT NULL, hash {Blob} NOT NULL, PRIMARY KEY (level, idx)){WithoutRowId};
        CREATE TABLE IF NOT EXISTS audit_checkpoints (tree_size BIGINT NOT NULL PRIMARY KEY, signed_at VARCHAR(40) NOT NULL, note TEXT NOT NULL);
        """;

    public ShowroomSettings Settings => settings;

    public Task CreateSchemaAsync(CancellationToken cancel) => ProjectionOffsets.CreateSchemaAsync(settings, Schema, cancel);

    /// <summary>Where the log stands: its offset in the journal, its size and its right edge (to go on appending).</summary>
    public async Task<LogPosition> ResumeAsync(CancellationToken cancel)
    {
        await CreateSchemaAsync(cancel);
        await using var connection = await JournalStore.OpenAsync(settings, cancel);
        var size = await SizeAsync(connection, cancel);
        var stored = await Scalar(connection, null, "SELECT ordinal FROM projection_offsets WHERE projection_id = @id", cancel, SqlParam.Text("@id", ProjectionId));
        var offset = stored is null or DBNull ? 0 : Convert.ToInt64(stored, CultureInfo.InvariantCulture);
        if (size > 0)
        {
            // The offset row is written with the leaves; should it be missing, the last leaf says where the log is.
            var lastOrdering = Convert.ToInt64(await Scalar(connection, null, "SELECT ordering FROM audit_log WHERE leaf = @leaf", cancel,
                SqlParam.Int64("@leaf", size - 1)), CultureInfo.InvariantCulture);
            offset = Math.Max(offset, lastOrdering);
        }
        var subtrees = new List<byte[]>();
        long start = 0;
        for (var height = 62; height >= 0; height--)
        {
            if ((size & (1L << height)) == 0) continue;
            subtrees.Add(await PerfectAsync(connection, height, start >> height, cancel));
            start += 1L << height;
        }
        return new LogPosition(offset, MerkleFrontier.From(size, subtrees));
    }

    /// <summary>
    /// Appends <paramref name="leaves"/> after <paramref name="position"/> and moves the offset to
    /// <paramref name="offset"/>, in one transaction; returns the new position (the one given is left as it was).
    /// </summary>
    public async Task<LogPosition> AppendAsync(LogPosition position, IReadOnlyList<LogLeaf> leaves, long offset, CancellationToken cancel)
    {
        var frontier = position.Frontier.Clone();
        await using var connection = await JournalStore.OpenAsync(settings, cancel);
        await using var tx = await connection.BeginTransactionAsync(cancel);
        if (leaves.Count > 0)
        {
            await using var insert = Command(connection, tx, "INSERT INTO audit_log (leaf, ordering, entry) VALUES (@leaf, @ordering, @entry)",
                SqlParam.Int64("@leaf", 0), SqlParam.Int64("@ordering", 0), new SqlParam("@entry", Array.Empty<byte>(), DbType.Binary));
            await using var node = Command(connection, tx, "INSERT INTO audit_log_nodes (level, idx, hash) VALUES (@level, @idx, @hash)",
                SqlParam.Int32("@level", 0), SqlParam.Int64("@idx", 0), new SqlParam("@hash", Array.Empty<byte>(), DbType.Binary));
            var completed = new List<(int Height, long Index, byte[] Hash)>();
            foreach (var leaf in leaves)
            {
                insert.Parameters["@leaf"].Value = frontier.Size;
                insert.Parameters["@ordering"].Value = leaf.Ordering;
                insert.Parameters["@entry"].Value = leaf.Entry;
                await insert.ExecuteNonQueryAsync(cancel);
                frontier.Append(MerkleTree.LeafHash(leaf.Entry), (height, index, hash) =>
                {
                    if (height % TileHeight == 0) completed.Add((height, index, hash));
                });
            }
            foreach (var (height, index, hash) in completed)
            {
                node.Parameters["@level"].Value = height;
                node.Parameters["@idx"].Value = index;
                node.Parameters["@hash"].Value = hash;
                await node.ExecuteNonQueryAsync(cancel);
            }
        }
        await Execute(connection, tx, ProjectionOffsets.Save, cancel, SqlParam.Text("@id", ProjectionId), SqlParam.Int64("@ordinal", offset),
            SqlParam.Int64("@events", leaves.Count), SqlParam.Text("@at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)));
        await tx.CommitAsync(cancel);
        return new LogPosition(offset, frontier);
    }

    /// <summary>The number of leaves.</summary>
    public async Task<long> SizeAsync(CancellationToken cancel)
    {
        await using var connection = await JournalStore.OpenAsync(settings, cancel);
        return await SizeAsync(connection, cancel);
    }

    private static async Task<long> SizeAsync(DbConnection connection, CancellationToken cancel) =>
        await Scalar(connection, null, "SELECT MAX(leaf) FROM audit_log", cancel) is { } max and not DBNull ? Convert.ToInt64(max, CultureInfo.InvariantCulture) + 1 : 0;

    /// <summary>The root of the log's first <paramref name="size"/> leaves.</summary>
    public async Task<byte[]> RootAsync(long size, CancellationToken cancel)
    {
        await using var connection = await JournalStore.OpenAsync(settings, cancel);
        return size == 0 ? MerkleTree.EmptyRoot : await RangeAsync(connection, 0, size, cancel);
    }

    /// <summary>The inclusion proof of <paramref name="leaf"/> in the tree of <paramref name="size"/> leaves (nearest the leaf first).</summary>
    public async Task<IReadOnlyList<byte[]>> InclusionProofAsync(long leaf, long size, CancellationToken cancel)
    {
        await using var connection = await JournalStore.OpenAsync(settings, cancel);
        var proof = new List<byte[]>();
        foreach (var (start, end) in MerkleTree.InclusionRanges(leaf, size)) proof.Add(await RangeAsync(connection, start, end, cancel));
        return proof;
    }

    /// <summary>The consistency proof from the tree of <paramref name="first"/> leaves to the one of <paramref name="second"/>.</summary>
    public async Task<IReadOnlyList<byte[]>> ConsistencyProofAsync(long first, long second, CancellationToken cancel)
    {
        await using var connection = await JournalStore.OpenAsync(settings, cancel);
        var proof = new List<byte[]>();
        foreach (var (start, end) in MerkleTree.ConsistencyRanges(first, second)) proof.Add(await RangeAsync(connection, start, end, cancel));
        return proof;
    }

    /// <summary>
    /// The leaf of the event <paramref name="persistenceId"/>/<paramref name="sequenceNr"/> (with its entry), or null when
    /// the journal has no such event or the log does not hold it (yet). Found by its journal ordering: leaves' orderings
    /// rise, so a binary search over the leaf numbers needs no index of its own.
    /// </summary>
    public async Task<(long Leaf, byte[] Entry)?> FindLeafAsync(string persistenceId, long sequenceNr, CancellationToken cancel)
    {
        await using var connection = await JournalStore.OpenAsync(settings, cancel);
        var found = await Scalar(connection, null, "SELECT ordering FROM journal WHERE persistence_id = @pid AND sequence_number = @seq", cancel,
            SqlParam.Text("@pid", persistenceId), SqlParam.Int64("@seq", sequenceNr));
        if (found is null or DBNull) return null;
        var ordering = Convert.ToInt64(found, CultureInfo.InvariantCulture);
        await using var probe = Command(connection, null, "SELECT ordering, entry FROM audit_log WHERE leaf = @leaf", SqlParam.Int64("@leaf", 0));
        long low = 0, high = await SizeAsync(connection, cancel) - 1;
        while (low <= high)
        {
            var middle = low + (high - low) / 2;
            probe.Parameters["@leaf"].Value = middle;
            await using var reader = await probe.ExecuteReaderAsync(cancel);
            if (!await reader.ReadAsync(cancel)) return null;
            var at = reader.GetInt64(0);
            if (at == ordering) return (middle, (byte[])reader[1]);
            if (at < ordering) low = middle + 1;
            else high = middle - 1;
        }
        return null;
    }

    /// <summary>The log's leaves from <paramref name="fromLeaf"/> on, in order, a page at a time.</summary>
    public async IAsyncEnumerable<(long Leaf, long Ordering, byte[] Entry)> LeavesAsync(long fromLeaf, long toLeafExclusive,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancel = default)
    {
        await using var connection = await JournalStore.OpenAsync(settings, cancel);
        var next = fromLeaf;
        while (next < toLeafExclusive)
        {
            await using var command = Command(connection, null,
                $"SELECT leaf, ordering, entry FROM audit_log WHERE leaf >= @from AND leaf < @to ORDER BY leaf LIMIT {AuditJournal.PageSize}",
                SqlParam.Int64("@from", next), SqlParam.Int64("@to", toLeafExclusive));
            var count = 0;
            await using (var reader = await command.ExecuteReaderAsync(cancel))
            {
                while (await reader.ReadAsync(cancel))
                {
                    count++;
                    next = reader.GetInt64(0) + 1;
                    yield return (reader.GetInt64(0), reader.GetInt64(1), (byte[])reader[2]);
                }
            }
            if (count < AuditJournal.PageSize) yield break;
        }
    }

    /// <summary>The entry (chain hash) of leaf <paramref name="leaf"/>, or null when there is no such leaf.</summary>
    public async Task<byte[]?> EntryAsync(long leaf, CancellationToken cancel)
    {
        await using var connection = await JournalStore.OpenAsync(settings, cancel);
        return await Scalar(connection, null, "SELECT entry FROM audit_log WHERE leaf = @leaf", cancel, SqlParam.Int64("@leaf", leaf)) as byte[];
    }

    /// <summary>The journal's highest ordering of a domain event (0 when it has none).</summary>
    public async Task<long> JournalMaxOrderingAsync(CancellationToken cancel)
    {
        await using var connection = await JournalStore.OpenAsync(settings, cancel);
        var found = await Scalar(connection, null, "SELECT MAX(ordering) FROM journal WHERE persistence_id NOT LIKE '/%'", cancel);
        return found is null or DBNull ? 0 : Convert.ToInt64(found, CultureInfo.InvariantCulture);
    }

    public async Task SaveCheckpointAsync(Checkpoint checkpoint, string note, CancellationToken cancel)
    {
        await using var connection = await JournalStore.OpenAsync(settings, cancel);
        await Execute(connection, null, """
            INSERT INTO audit_checkpoints (tree_size, signed_at, note) VALUES (@size, @at, @note)
            ON CONFLICT (tree_size) DO UPDATE SET signed_at = excluded.signed_at, note = excluded.note
            """, cancel, SqlParam.Int64("@size", checkpoint.TreeSize),
            SqlParam.Text("@at", checkpoint.Time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)), SqlParam.Text("@note", note));
    }

    /// <summary>Signed checkpoints, newest first: at most <paramref name="limit"/>, of trees smaller than <paramref name="below"/> when given.</summary>
    public async Task<IReadOnlyList<string>> CheckpointsAsync(int limit, long? below, CancellationToken cancel)
    {
        await using var connection = await JournalStore.OpenAsync(settings, cancel);
        await using var command = Command(connection, null,
            $"SELECT note FROM audit_checkpoints WHERE tree_size < @below ORDER BY tree_size DESC LIMIT {limit}",
            SqlParam.Int64("@below", below ?? long.MaxValue));
        var notes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancel);
        while (await reader.ReadAsync(cancel)) notes.Add(reader.GetString(0));
        return notes;
    }

    /// <summary>The checkpoint of a tree of exactly <paramref name="size"/> leaves, if one was signed.</summary>
    public async Task<string?> CheckpointAsync(long size, CancellationToken cancel)
    {
        await using var connection = await JournalStore.OpenAsync(settings, cancel);
        return await Scalar(connection, null, "SELECT note FROM audit_checkpoints WHERE tree_size = @size", cancel, SqlParam.Int64("@size", size)) as string;
    }

    /// <summary>MTH of leaves [start, end): a perfect, aligned subtree directly; anything else split as RFC 9162 splits.</summary>
    private async Task<byte[]> RangeAsync(DbConnection connection, long start, long end, CancellationToken cancel)
    {
        var n = end - start;
        if ((n & (n - 1)) == 0 && start % n == 0) return await PerfectAsync(connection, System.Numerics.BitOperations.Log2((ulong)n), start / n, cancel);
        var k = MerkleTree.Split(n);
        var left = await RangeAsync(connection, start, start + k, cancel);
        var right = await RangeAsync(connection, start + k, end, cancel);
        return MerkleTree.NodeHash(left, right);
    }

    /// <summary>
    /// The root of the complete subtree of height <paramref name="height"/> at position <paramref name="index"/>: stored
    /// when the height is a multiple of <see cref="TileHeight"/>, else folded from the stored level below it (at most 128
    /// rows).
    /// </summary>
    private async Task<byte[]> PerfectAsync(DbConnection connection, int height, long index, CancellationToken cancel)
    {
        if (height > 0 && height % TileHeight == 0)
            return await Scalar(connection, null, "SELECT hash FROM audit_log_nodes WHERE level = @level AND idx = @idx", cancel,
                       SqlParam.Int32("@level", height), SqlParam.Int64("@idx", index)) as byte[]
                   ?? throw new InvalidDataException($"The transparency log lacks the subtree {height}/{index}: its tables were altered.");
        var below = height - height % TileHeight;
        var width = 1L << (height - below);
        var from = index * width;
        var level = new List<byte[]>();
        await using (var command = below == 0
                         ? Command(connection, null, "SELECT entry FROM audit_log WHERE leaf >= @from AND leaf < @to ORDER BY leaf",
                             SqlParam.Int64("@from", from), SqlParam.Int64("@to", from + width))
                         : Command(connection, null, "SELECT hash FROM audit_log_nodes WHERE level = @level AND idx >= @from AND idx < @to ORDER BY idx",
                             SqlParam.Int32("@level", below), SqlParam.Int64("@from", from), SqlParam.Int64("@to", from + width)))
        await using (var reader = await command.ExecuteReaderAsync(cancel))
        {
            while (await reader.ReadAsync(cancel))
            {
                var stored = (byte[])reader[0];
                level.Add(below == 0 ? MerkleTree.LeafHash(stored) : stored);
            }
        }
        if (level.Count != width) throw new InvalidDataException($"The transparency log lacks part of the subtree {height}/{index}: its tables were altered.");
        while (level.Count > 1) level = Enumerable.Range(0, level.Count / 2).Select(i => MerkleTree.NodeHash(level[2 * i], level[2 * i + 1])).ToList();
        return level[0];
    }
}

/// <summary>One event as the log takes it in: its journal ordering, its stream position and its chain hash (the leaf's entry).</summary>
public sealed record LogLeaf(long Ordering, string PersistenceId, long SequenceNr, byte[] Entry);

/// <summary>The log's offset in the journal and its right edge.</summary>
public sealed record LogPosition(long Offset, MerkleFrontier Frontier)
{
    public long Size => Frontier.Size;
}
