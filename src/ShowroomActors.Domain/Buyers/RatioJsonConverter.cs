using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShowroomActors.Domain.Buyers;

/// <summary>Writes a <see cref="Ratio"/> as its exact decimal (<c>0.15</c>) and reads it back without loss.</summary>
public sealed class RatioJsonConverter : JsonConverter<Ratio>
{
    public override Ratio Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetDecimal();
        return Ratio.TryFrom(value, "ratio", out var ratio) is { } invalid ? throw new JsonException(invalid.Message) : ratio;
    }

    public override void Write(Utf8JsonWriter writer, Ratio value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.ToDecimal());
}
