using System.Text;
using Microsoft.Data.Sqlite;

namespace ShowroomActors.Host.Tests.Support;

/// <summary>Edits the SQLite journal behind the application's back, as an attacker with file access would.</summary>
public static class JournalTamper
{
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
