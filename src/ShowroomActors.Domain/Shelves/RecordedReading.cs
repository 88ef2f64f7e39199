using System.Text.Json.Serialization;

namespace ShowroomActors.Domain.Shelves;

/// <summary>
/// One accepted device event inside a <see cref="SensorBatchRecorded"/>, as the device sent it: its boot and seq,
/// the device's own time, what it reported; then what the slot concluded from it: <c>Lifted</c> or <c>Returned</c>
/// items (a sensor's <c>lifted</c>/<c>returned</c> event, or the weight reading that completed a stable change, see
/// the <see cref="WeightSettled"/> ending at the same seq). Fields the device did not send and zero moves are left
/// out of the stored JSON.
/// </summary>
public sealed record RecordedReading(
    long Boot,
    long Seq,
    DateTimeOffset At,
    SensorKind Kind,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? WeightGrams = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Battery = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Lifted = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Returned = 0)
{
    public static RecordedReading From(SensorReading r) => new(r.Boot, r.Seq, r.At, r.Kind, r.WeightGrams, r.Battery);
}

/// <summary>
/// One reading that moved items, inside the no longer written <see cref="ItemsMoved"/>: a sensor's <c>lifted</c>/<c>returned</c>
/// event (<c>Source</c> = sensor), or the weight reading that completed a stable change (<c>Source</c> = weight,
/// see the <see cref="WeightSettled"/> ending at the same seq). Zero counts are left out of the stored JSON.
/// </summary>
public sealed record ItemMove(
    long Boot,
    long Seq,
    string Source,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Lifted = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Returned = 0);
