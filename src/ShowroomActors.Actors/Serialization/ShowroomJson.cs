using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShowroomActors.Actors.Serialization;

/// <summary>
/// The JSON options of every source-generated context: camelCase, enums as strings, and Chinese text written as
/// itself (not \uXXXX) so auditors can read the journal with plain SQL. Changing these changes stored bytes.
/// </summary>
public static class ShowroomJson
{
    public static JsonSerializerOptions NewOptions() => new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
