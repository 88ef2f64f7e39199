using System.Text.Json;
using ShowroomActors.Actors;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Shelves;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.Api;

/// <summary>
/// <c>POST /api/v1/sensor-events</c> with <c>X-Device-Key</c>. Each event is checked on its own (a bad one becomes a
/// <c>rejected</c> entry); the rest are grouped per slot. The key is checked against every slot named before anything
/// is persisted (401 if it does not belong to a device an event names); then each slot persists its group with one
/// PersistAll and the answer comes after all of them are persisted. A batch with nothing good is a problem response.
/// </summary>
public static class SensorEndpoints
{
    public const string KeyHeader = "X-Device-Key";
    public const int MaxEventsPerRequest = 1000;

    public static void MapSensorEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/sensor-events", async (HttpRequest request, ShowroomSystem showroom) =>
        {
            var cancel = request.HttpContext.RequestAborted;
            var keyText = request.Headers[KeyHeader].ToString();
            if (string.IsNullOrWhiteSpace(keyText)) return Refused($"The '{KeyHeader}' header is required.");
            var key = new DeviceSecret(keyText.Trim());

            var events = ReadEvents(await RequestJson.ReadBodyAsync(request));
            if (events.Count is 0 or > MaxEventsPerRequest)
                return Problems.BadRequest("events", $"'events' must hold 1-{MaxEventsPerRequest} events.");

            var rejected = new List<Rejected>();
            var bySlot = new Dictionary<string, List<SensorReading>>(StringComparer.Ordinal);
            var indexes = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var i = 0; i < events.Count; i++)
            {
                var (slotId, reading, error) = events[i];
                if (error is not null)
                {
                    rejected.Add(new Rejected(i, error with { Field = $"events[{i}].{error.Field}" }));
                    continue;
                }
                if (!bySlot.TryGetValue(slotId!, out var group))
                {
                    bySlot[slotId!] = group = [];
                    indexes[slotId!] = [];
                }
                group.Add(reading!);
                indexes[slotId!].Add(i);
            }

            // Authenticate first: with several slots, every one must accept the key before any of them persists.
            // With one slot the ingest command itself checks the key before it decides anything.
            if (bySlot.Count > 1)
            {
                var checks = await Task.WhenAll(bySlot.Select(async g =>
                    (Slot: g.Key, Answer: await showroom.AskAsync(showroom.Slots,
                        new VerifyDevice(g.Key, g.Value.Select(r => r.DeviceId).Distinct().ToList(), key), cancel))));
                if (checks.Any(c => c.Answer is DeviceRefused)) return Refused("The device key does not belong to the device an event names.");
                foreach (var (slot, answer) in checks)
                {
                    if (answer is DeviceVerified) continue;
                    RejectAll(rejected, indexes[slot], answer as Rejection ?? Unexpected(answer));
                    bySlot.Remove(slot);
                }
            }

            var results = await Task.WhenAll(bySlot.Select(async g =>
                (Slot: g.Key, Answer: await showroom.AskAsync(showroom.Slots, new IngestSensorEvents(g.Key, key, g.Value), cancel))));
            int accepted = 0, folded = 0, duplicates = 0;
            foreach (var (slot, answer) in results)
            {
                switch (answer)
                {
                    case SensorBatchResult ok:
                        accepted += ok.Accepted;
                        folded += ok.Folded;
                        duplicates += ok.Duplicates;
                        break;
                    case DeviceRefused when results.Length == 1:
                        return Refused("The device key does not belong to the device an event names.");
                    case DeviceRefused:
                        // Verified a moment ago, refused now: the slot was re-bound in between. Nothing of it was recorded.
                        RejectAll(rejected, indexes[slot], Rejection.Conflict("The slot's device key changed while this batch was processed; nothing was recorded.", "slotId"));
                        break;
                    default:
                        RejectAll(rejected, indexes[slot], answer as Rejection ?? Unexpected(answer));
                        break;
                }
            }

            rejected.Sort((a, b) => a.Index.CompareTo(b.Index));
            var list = rejected.Select(r => new RejectedEvent(r.Index, r.Why.Message)).ToList();
            if (accepted + folded + duplicates == 0)
            {
                var first = rejected[0].Why;
                var problem = first.Code == RejectionCode.Unavailable
                    ? Problems.Unavailable(first.Message)
                    : Problems.Of(StatusOf(first.Code), "Sensor events rejected", first.Message, first.Field,
                        new Dictionary<string, object?> { ["rejected"] = list });
                return problem;
            }
            return Results.Ok(new SensorBatchResponse(accepted, folded, duplicates, list));
        }).AddEndpointFilter<ProblemFilter>();
    }

    private sealed record Rejected(int Index, Rejection Why);

    private static void RejectAll(List<Rejected> rejected, List<int> indexes, Rejection why)
    {
        foreach (var i in indexes) rejected.Add(new Rejected(i, why with { Field = $"events[{i}].{why.Field ?? "slotId"}" }));
    }

    private static Rejection Unexpected(object answer) =>
        new(RejectionCode.Unavailable, $"Unexpected answer {answer.GetType().Name}; nothing is known to be recorded. Retry.");

    /// <summary>The status of a whole request whose events were all rejected: that of the first rejection.</summary>
    private static int StatusOf(RejectionCode code) => code switch
    {
        RejectionCode.NotFound => StatusCodes.Status404NotFound,
        RejectionCode.Conflict => StatusCodes.Status409Conflict,
        RejectionCode.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status400BadRequest,
    };

    private static IResult Refused(string detail) =>
        Problems.Of(StatusCodes.Status401Unauthorized, "Unauthorized", detail, KeyHeader);

    /// <summary>
    /// Every event of the body, each as its slot and reading or the first rule it breaks. A well-formed batch is read
    /// in one pass as typed events. Only when that fails (some event is malformed or of the wrong type) is the body
    /// read again, one event at a time, so the bad event becomes a <c>rejected</c> entry and the rest are kept.
    /// </summary>
    private static IReadOnlyList<(string? SlotId, SensorReading? Reading, Rejection? Error)> ReadEvents(byte[] body)
    {
        SensorEventsBatch? batch = null;
        try
        {
            batch = JsonSerializer.Deserialize<SensorEventsBatch>(body, RequestJson.Options);
        }
        catch (JsonException)
        {
            // Read again below, event by event.
        }
        if (batch?.Events is { } typed) return typed.Select(Check).ToList();

        var loose = RequestJson.Parse<SensorEventsRequest>(body);
        return RequestJson.Required(loose.Events, "events").Select(Parse).ToList();
    }

    /// <summary>One event read on its own: a type error is this event's rejection, naming its field.</summary>
    private static (string? SlotId, SensorReading? Reading, Rejection? Error) Parse(JsonElement element)
    {
        try
        {
            return Check(element.Deserialize<SensorEventRequest>(RequestJson.Options));
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "$" : ex.Path.TrimStart('$', '.');
            return (null, null, Rejection.Invalid(field, $"Malformed event or wrong type at '{field}'."));
        }
    }

    /// <summary>One event of the right JSON types: its slot and reading, or the first broken rule (field names as on the wire).</summary>
    private static (string? SlotId, SensorReading? Reading, Rejection? Error) Check(SensorEventRequest? e)
    {
        if (e is null) return (null, null, Rejection.Invalid("$", "An event must be a JSON object."));

        if (Ids.Check(e.SlotId, "slotId") is { } badSlot) return (null, null, badSlot);
        if (Ids.Check(e.DeviceId, "deviceId") is { } badDevice) return (null, null, badDevice);
        if (e.Seq is not { } seq) return (null, null, Rejection.Invalid("seq", "'seq' is required."));
        if (e.At is not { } at) return (null, null, Rejection.Invalid("at", "'at' is required (ISO 8601 with offset)."));
        if (!SensorReading.TryParseKind(e.Type, out var kind))
            return (null, null, Rejection.Invalid("type", "'type' must be one of weight, lifted, returned, heartbeat."));
        // Grams may come with decimals; they are rounded, after the range check so 500000.4 is not let through.
        if (e.WeightGrams is < 0 or > SensorReading.MaxWeightGrams)
            return (null, null, Rejection.Invalid("weightGrams", $"'weightGrams' must be between 0 and {SensorReading.MaxWeightGrams}."));
        long? grams = e.WeightGrams is { } w ? (long)Math.Round(w, MidpointRounding.AwayFromZero) : null;
        var boot = e.Boot ?? 0;
        if (SensorReading.Check(seq, boot, kind, grams, e.Battery) is { } bad) return (null, null, bad);
        return (e.SlotId, new SensorReading(e.DeviceId!, boot, seq, at, kind, grams, e.Battery), null);
    }
}
