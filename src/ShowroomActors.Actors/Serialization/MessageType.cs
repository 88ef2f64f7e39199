using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ShowroomActors.Actors.Serialization;

/// <summary>
/// One serializable type: its stable manifest (never renamed; evolve with a new version) and its
/// source-generated JSON metadata. <see cref="IsEvent"/> types are only ever stored inside a ChainedEvent.
/// An older version of an event is registered with an upcaster: its stored payload is read in its own shape
/// (so the hash chain still verifies over the stored bytes) and handed to the domain as the current type.
/// </summary>
public sealed class MessageType
{
    private readonly Func<object, object>? _upcast;

    private MessageType(string manifest, JsonTypeInfo typeInfo, bool isEvent, Type readsAs, Func<object, object>? upcast = null)
    {
        Manifest = manifest;
        TypeInfo = typeInfo;
        IsEvent = isEvent;
        ReadsAs = readsAs;
        _upcast = upcast;
    }

    public string Manifest { get; }
    public JsonTypeInfo TypeInfo { get; }
    /// <summary>The stored shape of this manifest.</summary>
    public Type Type => TypeInfo.Type;
    /// <summary>The type <see cref="FromJson"/> returns: <see cref="Type"/>, or the current version an older one is upcast to.</summary>
    public Type ReadsAs { get; }
    public bool IsEvent { get; }

    public static MessageType Event<T>(string manifest, JsonTypeInfo<T> info) => new(manifest, info, isEvent: true, typeof(T));
    public static MessageType Message<T>(string manifest, JsonTypeInfo<T> info) => new(manifest, info, isEvent: false, typeof(T));

    /// <summary>
    /// A superseded event version whose stored shape the current type reads as it is (the current shape only added
    /// optional fields): read under its own manifest, never written. Not found by type.
    /// </summary>
    public static MessageType Superseded<T>(string manifest, JsonTypeInfo<T> info) => new(manifest, info, isEvent: true, typeof(T)) { ReadOnly = true };

    /// <summary>True for a <see cref="Superseded{T}"/> manifest: only read, so not the manifest its type is written with.</summary>
    public bool ReadOnly { get; private init; }

    /// <summary>A superseded event version: read as <typeparamref name="TOld"/>, handed on as <typeparamref name="TNew"/>.</summary>
    public static MessageType Upcast<TOld, TNew>(string manifest, JsonTypeInfo<TOld> info, Func<TOld, TNew> upcast)
        where TNew : notnull =>
        new(manifest, info, isEvent: true, typeof(TNew), old => upcast((TOld)old));

    public byte[] ToJson(object value) => JsonSerializer.SerializeToUtf8Bytes(value, TypeInfo);

    public object FromJson(ReadOnlySpan<byte> json)
    {
        var stored = JsonSerializer.Deserialize(json, TypeInfo) ?? throw new JsonException($"Payload of '{Manifest}' deserialized to null.");
        return _upcast is null ? stored : _upcast(stored);
    }
}
