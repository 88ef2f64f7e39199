using System.Text.Json;

namespace ShowroomActors.Client;

/// <summary>
/// The host's answer to a device batch: <c>{accepted, folded, duplicates, rejected:[{index, error}]}</c>. <c>folded</c>
/// counts readings that only confirmed a settled weight and were summarised instead of stored as rows of their own;
/// a host that does not fold answers without it (0).
/// </summary>
public readonly record struct IngestAnswer(int Accepted, int Duplicates, int Rejected, int Folded = 0)
{
    /// <summary>Readings the host kept (as rows or folded into a steady run): what a device sent minus duplicates and rejects.</summary>
    public int Kept => Accepted + Folded;

    /// <summary>Reads the counts without building a document; false if the body is not such an answer.</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, out IngestAnswer answer)
    {
        answer = default;
        int? accepted = null, duplicates = null;
        int folded = 0, rejected = 0;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("accepted"u8)) accepted = ReadInt(ref reader);
                else if (reader.ValueTextEquals("duplicates"u8)) duplicates = ReadInt(ref reader);
                else if (reader.ValueTextEquals("folded"u8)) folded = ReadInt(ref reader);
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
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return false;
        }
        if (accepted is null || duplicates is null) return false;
        answer = new IngestAnswer(accepted.Value, duplicates.Value, rejected, folded);
        return true;
    }

    private static int ReadInt(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.GetInt32();
    }
}
