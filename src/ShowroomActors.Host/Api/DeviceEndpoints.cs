using Microsoft.AspNetCore.Http.HttpResults;
using ShowroomActors.Application.Shelves;
using ShowroomActors.Host.Http;
using ShowroomActors.Host.OpenApi;

namespace ShowroomActors.Host.Api;

/// <summary><c>GET /api/v1/devices</c>: the device fleet view (<see cref="DeviceFleet"/>), for operators and auditors.</summary>
public static class DeviceEndpoints
{
    public static void MapDeviceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/devices", async Task<Results<Ok<DeviceFleetResponse>, ProblemHttpResult>> (string? state, DeviceFleet fleet, CancellationToken cancel) =>
            {
                var listed = await fleet.ListAsync(state, cancel);
                return listed.IsAccepted ? TypedResults.Ok(new DeviceFleetResponse(listed.Value)) : Problems.From(listed.Rejection);
            })
            .RequireAuditor()
            .WithTags("Shelves")
            .WithSummary("Every sensor device bound to a slot: slot, product, online, last seen, battery (and its low flag), clock skew, boot, last seq, events lost in gaps, reboots; ?state=online|offline|battery-low|clock-skewed|gaps|never-seen filters.")
            .WithExample(new ApiExample(200, "/api/v1/devices?state=online", Key: "auditor"));
    }
}

/// <summary>The fleet view's answer.</summary>
public sealed record DeviceFleetResponse(IReadOnlyList<FleetDevice> Devices);
