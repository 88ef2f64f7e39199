using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace ShowroomActors.Domain.Shelves;

/// <summary>
/// A summary of readings a slot folded instead of recording them one by one: consecutive readings of one device boot
/// (<see cref="FirstSeq"/> to <see cref="LastSeq"/>, no gap) that recorded no fact — a load cell confirming its settled
/// weight, or swinging for a moment without settling anywhere new, and heartbeats. The auditor sees continuous coverage:
/// how many readings, over which device times (<see cref="From"/>, <see cref="To"/>), the range of weights, and a
/// <see cref="Digest"/> over the readings exactly as received (docs/SHELVES.md, "Steady runs", gives the algorithm, so
/// a device's own log can be checked against it).
/// Replaying a summary restores what the readings did to the slot: the device's position (boot, seq), when it was last
/// heard, its battery, and the load cell's current run (<see cref="Window"/>, or — when the readings only continued the
/// run that was current before them — that run extended by <see cref="MinGrams"/>, <see cref="MaxGrams"/>,
/// <see cref="SumGrams"/> and <see cref="Count"/>).
/// </summary>
public sealed record SteadyRun(
    long Boot,
    long FirstSeq,
    long LastSeq,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset HeardAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? MinGrams,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? MaxGrams,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? SumGrams,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Battery,
    string Digest,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LoadCellWindow? Window = null)
{
    /// <summary>Readings covered: every seq from first to last (a gap is recorded, so it never falls inside a run).</summary>
    [JsonIgnore]
    public long Count => LastSeq - FirstSeq + 1;

    /// <summary>The digest before the first reading: 32 zero bytes.</summary>
    public static readonly byte[] EmptyDigest = new byte[32];

    /// <summary>
    /// The digest after one more reading: SHA-256(previous digest || line), where line is the reading in the text form
    /// <see cref="DigestLine"/> gives. A chain rather than one hash over all, so it can be carried forward reading by
    /// reading in constant memory.
    /// </summary>
    public static byte[] Chain(byte[] previous, SensorReading r)
    {
        var line = DigestLine(r);
        Span<byte> input = stackalloc byte[32 + Encoding.ASCII.GetMaxByteCount(line.Length)];
        previous.CopyTo(input);
        var length = 32 + Encoding.ASCII.GetBytes(line, input[32..]);
        return SHA256.HashData(input[..length]);
    }

    /// <summary>
    /// One reading as hashed: <c>boot seq at kind grams battery</c>, separated by single spaces and ended by '\n';
    /// <c>at</c> is the device's time in UTC as <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>; absent grams or battery are '-'.
    /// </summary>
    public static string DigestLine(SensorReading r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Boot} {r.Seq} {r.At.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'} {KindName(r.Kind)} {(r.WeightGrams is { } g ? g.ToString(CultureInfo.InvariantCulture) : "-")} {(r.Battery is { } b ? b.ToString(CultureInfo.InvariantCulture) : "-")}\n");

    private static string KindName(SensorKind kind) => kind switch
    {
        SensorKind.Weight => "weight",
        SensorKind.Lifted => "lifted",
        SensorKind.Returned => "returned",
        _ => "heartbeat",
    };

    /// <summary>The load cell's run after these readings, given the run that was current before them.</summary>
    public LoadCellWindow? WindowAfter(LoadCellWindow? before) =>
        Window ?? (MinGrams is { } min && before is not null ? before.Extend(min, MaxGrams!.Value, SumGrams!.Value, (int)Count, To) : before);
}

/// <summary>
/// The readings a slot has folded since it last recorded anything about its device, held in memory only: what a
/// <see cref="SteadyRun"/> will summarise. <see cref="StartedAt"/> (server time) decides when a periodic summary is due;
/// <see cref="WindowBefore"/> and <see cref="BatteryBefore"/> are the load cell's run and the battery as recorded
/// before the first folded reading.
/// </summary>
public sealed record FoldedReadings(
    long Boot,
    long FirstSeq,
    long LastSeq,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset StartedAt,
    DateTimeOffset HeardAt,
    int Count,
    int WeightCount,
    long? MinGrams,
    long? MaxGrams,
    long SumGrams,
    int? Battery,
    byte[] Digest,
    LoadCellWindow? WindowBefore,
    int? BatteryBefore)
{
    public static FoldedReadings Start(SensorReading r, DateTimeOffset receivedAt, LoadCellWindow? windowBefore, int? batteryBefore) =>
        new FoldedReadings(r.Boot, r.Seq, r.Seq, r.At, r.At, receivedAt, receivedAt, 0, 0, null, null, 0, null, SteadyRun.EmptyDigest,
            windowBefore, batteryBefore).Add(r, receivedAt);

    /// <summary>One more reading (the next seq of the same boot).</summary>
    public FoldedReadings Add(SensorReading r, DateTimeOffset receivedAt)
    {
        var weighed = r.WeightGrams is { } g && r.Kind == SensorKind.Weight;
        return this with
        {
            LastSeq = r.Seq,
            To = r.At,
            HeardAt = receivedAt,
            Count = Count + 1,
            WeightCount = WeightCount + (weighed ? 1 : 0),
            MinGrams = weighed ? Math.Min(MinGrams ?? long.MaxValue, r.WeightGrams!.Value) : MinGrams,
            MaxGrams = weighed ? Math.Max(MaxGrams ?? long.MinValue, r.WeightGrams!.Value) : MaxGrams,
            SumGrams = SumGrams + (weighed ? r.WeightGrams!.Value : 0),
            Battery = r.Battery ?? Battery,
            Digest = SteadyRun.Chain(Digest, r),
        };
    }

    /// <summary>
    /// The summary of these readings, given the load cell's run after them. The run is written out only when it is not
    /// the run before extended by exactly these readings (a run began among them, or they were not all weights).
    /// </summary>
    public SteadyRun Summary(LoadCellWindow? windowAfter)
    {
        var implied = MinGrams is not { } min ? WindowBefore
            : WeightCount == Count && WindowBefore is not null ? WindowBefore.Extend(min, MaxGrams!.Value, SumGrams, Count, To)
            : null;
        var written = implied is not null && implied == windowAfter ? null : windowAfter;
        return new SteadyRun(Boot, FirstSeq, LastSeq, From, To, HeardAt, MinGrams, MaxGrams, MinGrams is null ? null : SumGrams,
            Battery, Convert.ToHexStringLower(Digest), written);
    }
}
