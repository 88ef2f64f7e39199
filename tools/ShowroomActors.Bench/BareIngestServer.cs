using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using System.Text.Json.Serialization;
using ShowroomActors.Application.Shelves;
using ShowroomActors.Host;
using ShowroomActors.Host.Api;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Bench;

/// <summary>
/// The HTTP ceiling (a'): Kestrel with one endpoint, <c>POST /api/v1/sensor-events</c>, that does what the host does
/// with a device batch short of the entities: checks the key header is there, reads the body the host's way
/// (the host's <see cref="JsonBytes"/> binding), parses and checks it with the same code (<see cref="SensorBatchJson.Read"/>:
/// the host's types and JSON options, every event made a domain reading), and answers the host's
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
        app.MapPost("/api/v1/sensor-events", (JsonBytes body, HttpRequest request) =>
        {
            if (string.IsNullOrWhiteSpace(request.Headers[ShowroomAuth.DeviceKeyHeader].ToString())) return Results.Unauthorized();
            var read = SensorBatchJson.Read(body.Bytes);
            if (read.Value is not { Count: > 0 and <= SensorIngest.MaxEventsPerBatch } events || events.Any(e => e.Error is not null)) return Results.BadRequest();
            return Results.Ok(new SensorBatchResponse(events.Count, 0, 0, []));
        });
        await app.RunAsync(stop);
    }
}
