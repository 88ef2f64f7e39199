using Microsoft.Data.Sqlite;
using ShowroomActors.Actors.Configuration;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Actors.Serialization;

namespace ShowroomActors.Actors.Tests.Support;

/// <summary>Reads one stream straight from the SQLite journal table, as an auditor would.</summary>
public static class JournalReader
{
    public static IReadOnlyList<ChainedEvent> Events(ShowroomSettings settings, string persistenceId)
    {
        using var connection = new SqliteConnection(settings.SqliteConnection);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT manifest, message FROM journal WHERE persistence_id = $pid ORDER BY sequence_number";
        command.Parameters.AddWithValue("$pid", persistenceId);
        using var reader = command.ExecuteReader();
        var events = new List<ChainedEvent>();
        while (reader.Read())
            events.Add(ChainedEventJson.Read((byte[])reader["message"], MessageRegistry.Find(reader.GetString(0))));
        return events;
    }
}
