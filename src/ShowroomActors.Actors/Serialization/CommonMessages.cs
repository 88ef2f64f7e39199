using System.Text.Json;
using System.Text.Json.Serialization;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Actors.Serialization;

/// <summary>Messages shared by every aggregate.</summary>
public static class CommonMessages
{
    public static IEnumerable<MessageType> All =>
    [
        MessageType.Message("common.rejection.v1", CommonJson.Default.Rejection),
    ];
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(Rejection))]
internal sealed partial class CommonJson : JsonSerializerContext;
