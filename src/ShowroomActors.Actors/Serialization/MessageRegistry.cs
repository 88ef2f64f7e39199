using System.Collections.Frozen;
using ShowroomActors.Actors.Alerts;
using ShowroomActors.Actors.Audit;
using ShowroomActors.Actors.Buyers;
using ShowroomActors.Actors.Catalog;
using ShowroomActors.Actors.Shelves;
using ShowroomActors.Actors.Orders;

namespace ShowroomActors.Actors.Serialization;

/// <summary>
/// Every type our serializer handles, by .NET type and by manifest. Each aggregate contributes its own list;
/// a duplicate manifest or type fails at start-up, never silently at replay.
/// </summary>
public static class MessageRegistry
{
    private static readonly IReadOnlyList<MessageType> All =
    [
        .. CommonMessages.All,
        .. CatalogMessages.All,
        .. SlotMessages.All,
        .. BuyerMessages.All,
        .. OrderMessages.All,
        .. AuditMessages.All,
        .. AlertMessages.All,
    ];

    private static readonly FrozenDictionary<Type, MessageType> ByType = All.Where(m => !m.ReadOnly).ToFrozenDictionary(m => m.Type);
    private static readonly FrozenDictionary<string, MessageType> ByManifest = All.ToFrozenDictionary(m => m.Manifest);

    public static IReadOnlyList<MessageType> Types => All;

    public static MessageType Find(Type type) =>
        ByType.TryGetValue(type, out var found)
            ? found
            : throw new InvalidOperationException($"{type.FullName} has no manifest: add it to its aggregate's message list.");

    public static MessageType Find(string manifest) =>
        ByManifest.TryGetValue(manifest, out var found)
            ? found
            : throw new InvalidOperationException($"Unknown manifest '{manifest}'.");

    public static bool TryFind(string manifest, out MessageType type) => ByManifest.TryGetValue(manifest, out type!);
}
