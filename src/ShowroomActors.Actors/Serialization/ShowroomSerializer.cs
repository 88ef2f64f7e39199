using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;
using ShowroomActors.Actors.Persistence;

namespace ShowroomActors.Actors.Serialization;

/// <summary>
/// Our Akka serializer for everything that is persisted or crosses nodes (bound in hocon/showroom.conf to
/// <c>IShowroomMessage</c>). Readable JSON with short stable manifests such as <c>product.registered.v1</c>.
/// Chained events are written as <c>{"at","prevHash","hash","event"}</c> with the event's manifest.
/// </summary>
public sealed class ShowroomSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int Id = 4170;

    public override int Identifier => Id;

    public override string Manifest(object o) =>
        o is ChainedEvent chained ? chained.Manifest : MessageRegistry.Find(o.GetType()).Manifest;

    public override byte[] ToBinary(object obj)
    {
        if (obj is ChainedEvent chained) return ChainedEventJson.Write(chained);
        var type = MessageRegistry.Find(obj.GetType());
        if (type.IsEvent)
            throw new InvalidOperationException($"Event '{type.Manifest}' must be persisted inside a ChainedEvent.");
        return type.ToJson(obj);
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!MessageRegistry.TryFind(manifest, out var type))
        {
            // A journal row whose manifest was altered (or written by a newer version): reported, not fatal to the replay.
            if (LooksChained(bytes)) return new UnreadableEvent(manifest, $"unknown event type '{manifest}'");
            throw new SerializationException($"Unknown manifest '{manifest}'.");
        }
        if (!type.IsEvent) return type.FromJson(bytes);
        try
        {
            return ChainedEventJson.Read(bytes, type);
        }
        catch (Exception e) when (e is JsonException or InvalidCastException or NotSupportedException or ArgumentException)
        {
            return new UnreadableEvent(manifest, e.Message);
        }
    }

    private static bool LooksChained(byte[] bytes)
    {
        try
        {
            ChainedEventJson.ReadEnvelope(bytes);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
