using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShowroomActors.Domain.Common;

/// <summary>Writes <see cref="Fen"/> as a plain JSON integer, so journals and APIs read <c>6800</c>, not an object.</summary>
public sealed class FenJsonConverter : JsonConverter<Fen>
{
    public override Fen Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetInt64());

    public override void Write(Utf8JsonWriter writer, Fen value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.Value);
}
