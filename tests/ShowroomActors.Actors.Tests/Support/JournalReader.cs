using ShowroomActors.Actors.Configuration;
using ShowroomActors.Actors.Persistence;
using ShowroomActors.Actors.Serialization;

namespace ShowroomActors.Actors.Tests.Support;

/// <summary>Reads one stream straight from the journal table (SQLite or PostgreSQL), as an auditor would.</summary>
public static class JournalReader
{
    public static IReadOnlyList<ChainedEvent> Events(ShowroomSettings settings, string persistenceId)
    {
        using var connection = JournalStore.Open(settings);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT manifest, message FROM journal WHERE persistence_id = @pid ORDER BY sequence_number";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@pid";
        parameter.Value = persistenceId;
        command.Parameters.Add(parameter);
        using var reader = command.ExecuteReader();
        var events = new List<ChainedEvent>();
        while (reader.Read())
            events.Add(ChainedEventJson.Read((byte[])reader["message"], MessageRegistry.Find(reader.GetString(0))));
        return events;
    }
}
