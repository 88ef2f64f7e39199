using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using System.Text.Json.Serialization;
using ShowroomActors.Domain.Shelves;
using ShowroomActors.Host;
using ShowroomActors.Host.Api;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Bench;

/// <summary>
/// The HTTP ceiling (a'): Kestrel with one endpoint, <c>POST /api/v1/sensor-events</c>, that does what the host does
/// with a device batch short of the entities: checks the key header, reads the body the host's way
/// (<see cref="RequestJson.ReadBodyAsync"/>), deserializes it into the host's own types with the host's JSON options,
/// turns every event into the domain's <see cref="SensorReading"/>, and answers the host's
/// <see cref="SensorBatchResponse"/> through the same JSON configuration, so the answer has the same size. No actor,
/// no journal, no middleware beyond routing. The gap to the host is the per-request cost of everything else.
/// </summary>
public static class BareIngestServer
{
    public static async Task RunAsync(string url, CancellationToken stop)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--urls", url], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = ShowroomHost.MaxRequestBodyBytes);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        var app = builder.Build();
        app.MapGet("/health/live", () => Results.Ok());
        app.MapPost("/api/v1/sensor-events", async (HttpRequest request) =>
        {
            if (string.IsNullOrWhiteSpace(request.Headers[SensorEndpoints.KeyHeader].ToString())) return Results.Unauthorized();
            var batch = RequestJson.Parse<SensorEventsBatch>(await RequestJson.ReadBodyAsync(request));
            var events = batch.Events ?? [];
            if (events.Count is 0 or > SensorEndpoints.MaxEventsPerRequest) return Results.BadRequest();
            var readings = new List<SensorReading>(events.Count);
            foreach (var e in events)
            {
                if (e is null || e.DeviceId is null || e.Seq is not { } seq || e.At is not { } at || !SensorReading.TryParseKind(e.Type, out var kind))
                    return Results.BadRequest();
                readings.Add(new SensorReading(e.DeviceId, e.Boot ?? 0, seq, at, kind, e.WeightGrams is { } w ? (long)Math.Round(w) : null, e.Battery));
            }
            return Results.Ok(new SensorBatchResponse(readings.Count, 0, []));
        });
        await app.RunAsync(stop);
    }
}
