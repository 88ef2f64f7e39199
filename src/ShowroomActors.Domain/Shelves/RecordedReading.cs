using System.Text.Json.Serialization;

namespace ShowroomActors.Domain.Shelves;

/// <summary>
/// One recorded device event inside a <see cref="SensorBatchRecorded"/>, as the device sent it: its boot and seq,
/// the device's own time, what it reported; then what the slot concluded from it: <c>Lifted</c> or <c>Returned</c>
/// items (a sensor's <c>lifted</c>/<c>returned</c> event, or the weight reading that completed a stable change) and
/// <c>Settled</c> when the load cell settled at a new weight with this reading (in v2 batches a separate
/// <see cref="WeightSettled"/> ending at the same seq said so). Fields the device did not send, zero moves and no
/// settle are left out of the stored JSON.
/// </summary>
public sealed record RecordedReading(
    long Boot,
    long Seq,
    DateTimeOffset At,
    SensorKind Kind,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? WeightGrams = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Battery = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Lifted = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Returned = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] WeightSettle? Settled = null)
{
    public static RecordedReading From(SensorReading r) => new(r.Boot, r.Seq, r.At, r.Kind, r.WeightGrams, r.Battery);
}

/// <summary>
/// The load cell settled at <c>StableGrams</c> with the reading that carries this: the mean of the no-motion run of
/// the same boot that began with reading <c>FromSeq</c>. <c>PreviousGrams</c> is the stable weight before (null the
/// first time) and <c>EstimatedCount</c> the units it holds. Every stable change moves the baseline, so slow drift
/// never accumulates.
/// </summary>
public sealed record WeightSettle(long? PreviousGrams, long StableGrams, int EstimatedCount, long FromSeq);

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
