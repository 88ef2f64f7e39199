using System.Text.Json.Serialization;

namespace ShowroomActors.Domain.Alerts;

/// <summary>
/// What the fact that opened an alert said, by kind: <c>lastHeardAt</c> (device-offline), <c>battery</c> (battery-low),
/// <c>boot</c> and <c>previousBoot</c> (device-rebooted), <c>skewMilliseconds</c> (clock-skew, device time - server
/// time), <c>itemsOut</c> and <c>liftedSince</c> (lifted-too-long), <c>estimatedCount</c> and <c>threshold</c>
/// (low-stock), <c>productId</c> (the slot's product, for the slot's kinds). Absent fields are left out.
/// </summary>
public sealed record AlertDetail(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? LastHeardAt = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Battery = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Boot = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? PreviousBoot = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? SkewMilliseconds = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ItemsOut = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? LiftedSince = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? EstimatedCount = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Threshold = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ProductId = null);
