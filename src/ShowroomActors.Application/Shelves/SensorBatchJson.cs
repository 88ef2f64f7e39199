using System.Text.Json;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Shelves;

namespace ShowroomActors.Application.Shelves;

/// <summary>One device event as read from a batch: its slot and reading, or the first rule it breaks (field names as on the wire).</summary>
public sealed record SensorEventInput(string? SlotId, SensorReading? Reading, Rejection? Error);

/// <summary>
/// Reads a sensor batch, <c>{"events":[{deviceId, slotId, seq, at, type, weightGrams?, battery?, boot?}, …]}</c>, the
/// body of <c>POST /api/v1/sensor-events</c> and of MQTT messages on <c>showroom/v1/devices/{deviceId}/events</c>.
/// Each event is checked on its own, so one bad event is that event's rejection and the rest are kept.
/// </summary>
public static class SensorBatchJson
{
    /// <summary>
    /// Every event of <paramref name="body"/>. A well-formed batch is read in one pass as typed events. Only when that
    /// fails (some event is malformed or of the wrong type) is it read again one event at a time, so the bad event
    /// becomes a rejection naming its field. A body that is not such a batch at all is rejected as a whole.
    /// </summary>
    public static Outcome<IReadOnlyList<SensorEventInput>> Read(ReadOnlySpan<byte> body)
    {
        SensorEventsBatch? batch = null;
        try
        {
            batch = JsonSerializer.Deserialize<SensorEventsBatch>(body, ApiJson.Options);
        }
        catch (JsonException)
        {
            // Read again below, event by event.
        }
        if (batch?.Events is { } typed) return Outcome<IReadOnlyList<SensorEventInput>>.Of(typed.Select(Check).ToList());

        SensorEventsLoose? loose;
        try
        {
            loose = JsonSerializer.Deserialize<SensorEventsLoose>(body, ApiJson.Options);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;
            return Rejection.Invalid(field, $"Malformed JSON or wrong type at '{field}'.");
        }
        if (loose is null) return Rejection.Invalid("$", "The body must be a JSON object, not null.");
        if (loose.Events is null) return Rejection.Invalid("events", "'events' is required.");
        return Outcome<IReadOnlyList<SensorEventInput>>.Of(loose.Events.Select(Parse).ToList());
    }

    /// <summary>One event read on its own: a type error is this event's rejection, naming its field.</summary>
    private static SensorEventInput Parse(JsonElement element)
    {
        try
        {
            return Check(element.Deserialize<SensorEventRequest>(ApiJson.Options));
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "$" : ex.Path.TrimStart('$', '.');
            return Invalid(field, $"Malformed event or wrong type at '{field}'.");
        }
    }

    /// <summary>One event of the right JSON types: its slot and reading, or the first broken rule.</summary>
    private static SensorEventInput Check(SensorEventRequest? e)
    {
        if (e is null) return Invalid("$", "An event must be a JSON object.");

        if (Ids.Check(e.SlotId, "slotId") is { } badSlot) return new SensorEventInput(null, null, badSlot);
        if (Ids.Check(e.DeviceId, "deviceId") is { } badDevice) return new SensorEventInput(null, null, badDevice);
        if (e.Seq is not { } seq) return Invalid("seq", "'seq' is required.");
        if (e.At is not { } at) return Invalid("at", "'at' is required (ISO 8601 with offset).");
        if (!SensorReading.TryParseKind(e.Type, out var kind))
            return Invalid("type", "'type' must be one of weight, lifted, returned, heartbeat.");
        // Grams may come with decimals; they are rounded, after the range check so 500000.4 is not let through.
        if (e.WeightGrams is < 0 or > SensorReading.MaxWeightGrams)
            return Invalid("weightGrams", $"'weightGrams' must be between 0 and {SensorReading.MaxWeightGrams}.");
        long? grams = e.WeightGrams is { } w ? (long)Math.Round(w, MidpointRounding.AwayFromZero) : null;
        var boot = e.Boot ?? 0;
        if (SensorReading.Check(seq, boot, kind, grams, e.Battery) is { } bad) return new SensorEventInput(null, null, bad);
        return new SensorEventInput(e.SlotId, new SensorReading(e.DeviceId!, boot, seq, at, kind, grams, e.Battery), null);
    }

    private static SensorEventInput Invalid(string field, string message) => new(null, null, Rejection.Invalid(field, message));

    /// <summary>The batch when every event has the right JSON types (the usual case): read in one pass.</summary>
    private sealed record SensorEventsBatch(List<SensorEventRequest?>? Events);

    /// <summary>The same batch when some event is malformed: each event is read on its own.</summary>
    private sealed record SensorEventsLoose(List<JsonElement>? Events);
}

/// <summary>One device event on the wire. <c>boot</c> is optional (0): see docs/SHELVES.md.</summary>
public sealed record SensorEventRequest(
    string? DeviceId, string? SlotId, long? Seq, DateTimeOffset? At, string? Type, decimal? WeightGrams, int? Battery, long? Boot);
