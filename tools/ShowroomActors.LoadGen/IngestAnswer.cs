using System.Text.Json;

namespace ShowroomActors.LoadGen;

/// <summary>The host's answer to a device batch: <c>{accepted, duplicates, rejected:[{index, error}]}</c>.</summary>
public readonly record struct IngestAnswer(int Accepted, int Duplicates, int Rejected)
{
    /// <summary>Reads the three counts without building a document; false if the body is not such an answer.</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, out IngestAnswer answer)
    {
        answer = default;
        int? accepted = null, duplicates = null;
        var rejected = 0;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("accepted"u8))
                {
                    reader.Read();
                    accepted = reader.GetInt32();
                }
                else if (reader.ValueTextEquals("duplicates"u8))
                {
                    reader.Read();
                    duplicates = reader.GetInt32();
                }
                else if (reader.ValueTextEquals("rejected"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartArray) return false;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        rejected++;
                        reader.Skip();
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        if (accepted is null || duplicates is null) return false;
        answer = new IngestAnswer(accepted.Value, duplicates.Value, rejected);
        return true;
    }
}
