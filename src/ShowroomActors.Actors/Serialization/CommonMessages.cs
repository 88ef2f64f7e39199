using System.Text.Json.Serialization;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Actors.Serialization;

/// <summary>Messages shared by every aggregate.</summary>
public static class CommonMessages
{
    public static IEnumerable<MessageType> All =>
    [
        MessageType.Message("common.rejection.v1", CommonJson.Instance.Rejection),
    ];
}

[JsonSerializable(typeof(Rejection))]
internal sealed partial class CommonJson : JsonSerializerContext
{
    public static readonly CommonJson Instance = new(ShowroomJson.NewOptions());
}
