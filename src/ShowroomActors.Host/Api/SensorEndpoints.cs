using ShowroomActors.Application.Shelves;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Shelves;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.Api;

/// <summary>
/// <c>POST /api/v1/sensor-events</c> with <c>X-Device-Key</c>: the sensor ingest use case (<see cref="SensorIngest"/>).
/// A batch with nothing good is a problem response (the first event's rejection, with every <c>rejected</c> entry).
/// </summary>
public static class SensorEndpoints
{
    public const string KeyHeader = "X-Device-Key";

    public static void MapSensorEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/sensor-events", async (HttpRequest request, SensorIngest ingest) =>
        {
            var keyText = request.Headers[KeyHeader].ToString();
            if (string.IsNullOrWhiteSpace(keyText))
                return Problems.From(Rejection.Unauthorized($"The '{KeyHeader}' header is required.", KeyHeader));
            var body = await RequestJson.ReadBodyAsync(request);
            var outcome = await ingest.IngestJsonAsync(new DeviceSecret(keyText.Trim()), KeyHeader, body, request.HttpContext.RequestAborted);
            return outcome.ToResult(result => result.NothingAccepted ? AllRejected(result) : Results.Ok(SensorBatchResponse.From(result)));
        }).AddEndpointFilter<ProblemFilter>();
    }

    /// <summary>Every event was rejected: the problem of the first, with the whole list.</summary>
    private static IResult AllRejected(SensorIngestResult result)
    {
        var first = result.FirstRejection!;
        return first.Code == RejectionCode.Unavailable
            ? Problems.Unavailable(first.Message)
            : Problems.Of(StatusOf(first.Code), "Sensor events rejected", first.Message, first.Field,
                new Dictionary<string, object?> { ["rejected"] = RejectedEvent.From(result) });
    }

    /// <summary>The status of a whole request whose events were all rejected: that of the first rejection.</summary>
    private static int StatusOf(RejectionCode code) => code switch
    {
        RejectionCode.NotFound => StatusCodes.Status404NotFound,
        RejectionCode.Conflict => StatusCodes.Status409Conflict,
        RejectionCode.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status400BadRequest,
    };
}
