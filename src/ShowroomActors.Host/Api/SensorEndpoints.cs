using Microsoft.AspNetCore.Http.HttpResults;
using ShowroomActors.Application.Shelves;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Shelves;
using ShowroomActors.Host.Http;
using ShowroomActors.Host.OpenApi;

namespace ShowroomActors.Host.Api;

/// <summary>
/// <c>POST /api/v1/sensor-events</c> with <c>X-Device-Key</c> (the device policy): the sensor ingest use case
/// (<see cref="SensorIngest"/>). A batch with nothing good is a problem response (the first event's rejection, with
/// every <c>rejected</c> entry).
/// </summary>
public static class SensorEndpoints
{
    public static void MapSensorEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/sensor-events", async Task<Results<Ok<SensorBatchResponse>, ProblemHttpResult>> (
                JsonBytes body, HttpContext http, SensorIngest ingest, CancellationToken cancel) =>
            {
                var outcome = await ingest.IngestJsonAsync(new DeviceSecret(http.User.DeviceKey()), ShowroomAuth.DeviceKeyHeader, body.Bytes, cancel);
                if (!outcome.IsAccepted) return Problems.From(outcome.Rejection);
                return outcome.Value.NothingAccepted ? AllRejected(outcome.Value) : TypedResults.Ok(SensorBatchResponse.From(outcome.Value));
            })
            .RequireDevice()
            .Accepts<SensorEventsBody>("application/json")
            .WithTags("Shelves")
            .WithSummary("A device's batch of events: each checked alone; the key is checked at every slot named before any persists; the answer comes once all are persisted.")
            .WithExample(new ApiExample(200, Headers: new Dictionary<string, string> { [ShowroomAuth.DeviceKeyHeader] = "demo-device-key-lc-a01" }, Body: new
            {
                events = new[] { new { deviceId = "lc-a01", slotId = "A-01", boot = 7, seq = 1, at = "2026-11-29T08:00:00+08:00", type = "heartbeat", battery = 88 } },
            }));
    }

    /// <summary>Every event was rejected: the problem of the first, with the whole list.</summary>
    private static ProblemHttpResult AllRejected(SensorIngestResult result)
    {
        var first = result.FirstRejection!;
        return first.Code == RejectionCode.Unavailable
            ? Problems.From(first)
            : Problems.Of(StatusOf(first.Code), "Sensor events rejected", first.Message, first.Field,
                new Dictionary<string, object?> { ["rejected"] = RejectedEvent.From(result) });
    }

    /// <summary>The status of a whole request whose events were all rejected: that of the first rejection.</summary>
    private static int StatusOf(RejectionCode code) => code switch
    {
        RejectionCode.NotFound => StatusCodes.Status404NotFound,
        RejectionCode.Conflict => StatusCodes.Status409Conflict,
        RejectionCode.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        RejectionCode.Quarantined => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };
}
