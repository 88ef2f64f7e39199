using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ShowroomActors.Actors.Serialization;

/// <summary>
/// One serializable type: its stable manifest (never renamed; evolve with a new version) and its
/// source-generated JSON metadata. <see cref="IsEvent"/> types are only ever stored inside a ChainedEvent.
/// </summary>
public sealed class MessageType
{
    private MessageType(string manifest, JsonTypeInfo typeInfo, bool isEvent)
    {
        Manifest = manifest;
        TypeInfo = typeInfo;
        IsEvent = isEvent;
    }

    public string Manifest { get; }
    public JsonTypeInfo TypeInfo { get; }
    public Type Type => TypeInfo.Type;
    public bool IsEvent { get; }

    public static MessageType Event<T>(string manifest, JsonTypeInfo<T> info) => new(manifest, info, isEvent: true);
    public static MessageType Message<T>(string manifest, JsonTypeInfo<T> info) => new(manifest, info, isEvent: false);

    public byte[] ToJson(object value) => JsonSerializer.SerializeToUtf8Bytes(value, TypeInfo);

    public object FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, TypeInfo)
        ?? throw new JsonException($"Payload of '{Manifest}' deserialized to null.");
}
