using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ShowroomActors.Actors.Serialization;
using ShowroomActors.Domain.Audit;

namespace ShowroomActors.Host.Tests.Support;

/// <summary>
/// Edits the SQLite journal behind the application's back, as an attacker with access to the database (but not to
/// the audit key) would: knowing the documented hash chain, it can recompute hashes, but not seals.
/// </summary>
public static class JournalTamper
{
    /// <summary>Changes an event and recomputes the chain from there to the end of the stream (the seals stay as they were).</summary>
    public static void EditAndRehash(string sqliteFile, string persistenceId, long seq, string from, string to)
    {
        ChangePayloadByte(sqliteFile, persistenceId, seq, from, to);
        var rows = Rows(sqliteFile, persistenceId);
        var prevHash = seq == 1 ? HashChain.Genesis : Envelope(rows.Single(r => r.Seq == seq - 1).Message).Hash;
        foreach (var (rowSeq, manifest, message) in rows.Where(r => r.Seq >= seq))
        {
            var envelope = Envelope(message);
            var hash = HashChain.Compute(persistenceId, rowSeq, envelope.At, manifest, prevHash, envelope.Payload);
            Write(sqliteFile, persistenceId, rowSeq, Message(envelope.At, hash, envelope.Seal, envelope.Payload));
            prevHash = hash;
        }
    }

    /// <summary>
    /// Appends a forged event to the stream: the next sequence number, a hash correctly chained after the last row's, the other columns
    /// copied from the stream's last row. It cannot carry a valid seal: <paramref name="seal"/> is copied from the last
    /// row when true (a plausible-looking but wrong seal), left out otherwise.
    /// </summary>
    public static void AppendForged(string sqliteFile, string persistenceId, string manifest, string eventJson, bool seal = true)
    {
        var last = Rows(sqliteFile, persistenceId)[^1];
        var envelope = Envelope(last.Message);
        var seq = last.Seq + 1;
        var payload = Encoding.UTF8.GetBytes(eventJson);
        var at = HashChain.FormatTimestamp(DateTimeOffset.Parse(envelope.At, System.Globalization.CultureInfo.InvariantCulture).AddMinutes(1));
        var hash = HashChain.Compute(persistenceId, seq, at, manifest, envelope.Hash, payload);
        using var connection = Open(sqliteFile);
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO journal (created, deleted, persistence_id, sequence_number, message, manifest, identifier, writer_uuid, tags)
            SELECT created + 1, 0, persistence_id, @seq, @message, @manifest, identifier, writer_uuid, tags FROM journal
            WHERE persistence_id = @pid AND sequence_number = @last
            """;
        command.Parameters.AddWithValue("@seq", seq);
        command.Parameters.AddWithValue("@message", Message(at, hash, seal ? envelope.Seal : null, payload));
        command.Parameters.AddWithValue("@manifest", manifest);
        command.Parameters.AddWithValue("@pid", persistenceId);
        command.Parameters.AddWithValue("@last", last.Seq);
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    /// <summary>Sets the plugin's <c>deleted</c> flag on a row, which the journal's replay then skips.</summary>
    public static void MarkDeleted(string sqliteFile, string persistenceId, long seq) =>
        Execute(sqliteFile, "UPDATE journal SET deleted = 1 WHERE persistence_id = @pid AND sequence_number = @seq", persistenceId, seq);

    /// <summary>Deletes the stream's rows from <paramref name="fromSeq"/> on (1: the whole stream); returns how many.</summary>
    public static int DeleteFrom(string sqliteFile, string persistenceId, long fromSeq)
    {
        using var connection = Open(sqliteFile);
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM journal WHERE persistence_id = @pid AND sequence_number >= @seq";
        command.Parameters.AddWithValue("@pid", persistenceId);
        command.Parameters.AddWithValue("@seq", fromSeq);
        var deleted = command.ExecuteNonQuery();
        Assert.True(deleted > 0, $"no rows of {persistenceId} from seq {fromSeq}");
        return deleted;
    }

    /// <summary>
    /// Swaps the journal positions (orderings) of two events of different streams: each stream's chain stays intact, only
    /// the order of the whole journal changes.
    /// </summary>
    public static void SwapOrderings(string sqliteFile, long orderingA, long orderingB)
    {
        using var connection = Open(sqliteFile);
        using var tx = connection.BeginTransaction();
        foreach (var (from, to) in new[] { (orderingA, -1L), (orderingB, orderingA), (-1L, orderingB) })
        {
            using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = "UPDATE journal SET ordering = @to WHERE ordering = @from";
            command.Parameters.AddWithValue("@from", from);
            command.Parameters.AddWithValue("@to", to);
            Assert.Equal(1, command.ExecuteNonQuery());
        }
        tx.Commit();
    }

    /// <summary>The journal ordering of an event.</summary>
    public static long OrderingOf(string sqliteFile, string persistenceId, long seq)
    {
        using var connection = Open(sqliteFile);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT ordering FROM journal WHERE persistence_id = @pid AND sequence_number = @seq";
        command.Parameters.AddWithValue("@pid", persistenceId);
        command.Parameters.AddWithValue("@seq", seq);
        return Convert.ToInt64(command.ExecuteScalar());
    }

    /// <summary>
    /// Rolls the database back as an older copy would be: every domain event after the first <paramref name="keep"/> is
    /// removed, with the transparency log's leaves and checkpoints beyond them.
    /// </summary>
    public static void RollBack(string sqliteFile, int keep)
    {
        using var connection = Open(sqliteFile);
        foreach (var sql in new[]
                 {
                     $"DELETE FROM journal WHERE persistence_id NOT LIKE '/%' AND ordering > (SELECT ordering FROM journal WHERE persistence_id NOT LIKE '/%' ORDER BY ordering LIMIT 1 OFFSET {keep - 1})",
                     $"DELETE FROM audit_log WHERE leaf >= {keep}",
                     $"DELETE FROM audit_checkpoints WHERE tree_size > {keep}",
                 })
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Replaces text in the stream's latest snapshot (its state is JSON).</summary>
    public static void EditSnapshot(string sqliteFile, string persistenceId, string from, string to)
    {
        using var connection = Open(sqliteFile);
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT sequence_number, snapshot FROM snapshot WHERE persistence_id = @pid ORDER BY sequence_number DESC LIMIT 1";
        read.Parameters.AddWithValue("@pid", persistenceId);
        long seq;
        string text;
        using (var reader = read.ExecuteReader())
        {
            Assert.True(reader.Read(), $"{persistenceId} has no snapshot");
            seq = reader.GetInt64(0);
            text = Encoding.UTF8.GetString((byte[])reader[1]);
        }
        Assert.Contains(from, text);
        using var write = connection.CreateCommand();
        write.CommandText = "UPDATE snapshot SET snapshot = @snapshot WHERE persistence_id = @pid AND sequence_number = @seq";
        write.Parameters.AddWithValue("@snapshot", Encoding.UTF8.GetBytes(text.Replace(from, to, StringComparison.Ordinal)));
        write.Parameters.AddWithValue("@pid", persistenceId);
        write.Parameters.AddWithValue("@seq", seq);
        Assert.Equal(1, write.ExecuteNonQuery());
    }

    /// <summary>The stream's rows (sequence number, manifest, stored message) in order.</summary>
    public static List<(long Seq, string Manifest, byte[] Message)> Rows(string sqliteFile, string persistenceId)
    {
        using var connection = Open(sqliteFile);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence_number, manifest, message FROM journal WHERE persistence_id = @pid ORDER BY sequence_number";
        command.Parameters.AddWithValue("@pid", persistenceId);
        var rows = new List<(long, string, byte[])>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) rows.Add((reader.GetInt64(0), reader.GetString(1), (byte[])reader[2]));
        return rows;
    }

    private static ChainedEnvelope Envelope(byte[] message) => ChainedEventJson.ReadEnvelope(message);

    /// <summary>A stored envelope in the documented layout (the previous hash is the row before's, not stored again).</summary>
    private static byte[] Message(string at, string hash, string? seal, byte[] payload)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("at", at);
            writer.WriteString("hash", hash);
            if (seal is not null) writer.WriteString("seal", seal);
            writer.WritePropertyName("event");
            writer.WriteRawValue(payload, skipInputValidation: true);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static void ChangePayloadByte(string sqliteFile, string persistenceId, long seq, string from, string to)
    {
        var message = Read(sqliteFile, persistenceId, seq);
        var text = Encoding.UTF8.GetString(message);
        Assert.Contains(from, text);
        Write(sqliteFile, persistenceId, seq, Encoding.UTF8.GetBytes(text.Replace(from, to, StringComparison.Ordinal)));
    }

    public static void DeleteRow(string sqliteFile, string persistenceId, long seq) =>
        Execute(sqliteFile, "DELETE FROM journal WHERE persistence_id = @pid AND sequence_number = @seq", persistenceId, seq);

    public static void SwapPayloads(string sqliteFile, string persistenceId, long seqA, long seqB)
    {
        var a = Read(sqliteFile, persistenceId, seqA);
        var b = Read(sqliteFile, persistenceId, seqB);
        Write(sqliteFile, persistenceId, seqA, b);
        Write(sqliteFile, persistenceId, seqB, a);
    }

    private static byte[] Read(string file, string pid, long seq)
    {
        using var connection = Open(file);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT message FROM journal WHERE persistence_id = @pid AND sequence_number = @seq";
        command.Parameters.AddWithValue("@pid", pid);
        command.Parameters.AddWithValue("@seq", seq);
        return (byte[])command.ExecuteScalar()!;
    }

    private static void Write(string file, string pid, long seq, byte[] message)
    {
        using var connection = Open(file);
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE journal SET message = @message WHERE persistence_id = @pid AND sequence_number = @seq";
        command.Parameters.AddWithValue("@message", message);
        command.Parameters.AddWithValue("@pid", pid);
        command.Parameters.AddWithValue("@seq", seq);
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    private static void Execute(string file, string sql, string pid, long seq)
    {
        using var connection = Open(file);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@pid", pid);
        command.Parameters.AddWithValue("@seq", seq);
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    private static SqliteConnection Open(string file)
    {
        var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        return connection;
    }
}
