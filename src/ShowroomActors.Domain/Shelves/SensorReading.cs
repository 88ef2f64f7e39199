using ShowroomActors.Domain.Common;

namespace ShowroomActors.Domain.Shelves;

/// <summary>What a shelf device reports.</summary>
public enum SensorKind
{
    /// <summary>A load cell's filtered reading in grams.</summary>
    Weight,
    /// <summary>The device itself detected a pickup (RFID pad, IR curtain).</summary>
    Lifted,
    /// <summary>The device itself detected a put-back.</summary>
    Returned,
    /// <summary>Alive, nothing happened.</summary>
    Heartbeat,
}

/// <summary>
/// One device event as posted to <c>/api/v1/sensor-events</c>. <see cref="Boot"/> is the device's boot counter (absent = 0): a device
/// that restarts its <see cref="Seq"/> numbering raises it, like Sparkplug's bdSeq. See docs/SHELVES.md.
/// </summary>
public sealed record SensorReading(
    string DeviceId,
    long Boot,
    long Seq,
    DateTimeOffset At,
    SensorKind Kind,
    long? WeightGrams,
    int? Battery)
{
    /// <summary>No shelf slot holds more than this; a reading above it is a broken sensor.</summary>
    public const long MaxWeightGrams = 500_000;

    /// <summary>The names devices use for <see cref="Kind"/> on the wire.</summary>
    public static bool TryParseKind(string? text, out SensorKind kind)
    {
        switch (text)
        {
            case "weight": kind = SensorKind.Weight; return true;
            case "lifted": kind = SensorKind.Lifted; return true;
            case "returned": kind = SensorKind.Returned; return true;
            case "heartbeat": kind = SensorKind.Heartbeat; return true;
            default: kind = default; return false;
        }
    }

    /// <summary>The first broken rule of a reading's own fields (field names as on the wire), or null.</summary>
    public static Rejection? Check(long seq, long boot, SensorKind kind, long? weightGrams, int? battery)
    {
        if (seq < 0) return Rejection.Invalid("seq", "'seq' must be 0 or more.");
        if (boot < 0) return Rejection.Invalid("boot", "'boot' must be 0 or more.");
        if (kind == SensorKind.Weight && weightGrams is null)
            return Rejection.Invalid("weightGrams", "'weightGrams' is required for a weight event.");
        if (weightGrams is < 0 or > MaxWeightGrams)
            return Rejection.Invalid("weightGrams", $"'weightGrams' must be between 0 and {MaxWeightGrams}.");
        if (battery is < 0 or > 100)
            return Rejection.Invalid("battery", "'battery' must be a percentage between 0 and 100.");
        return null;
    }
}
