using ShowroomActors.Actors;
using ShowroomActors.Actors.Persistence;

namespace ShowroomActors.Host.Api;

/// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: an Up cluster member whose journal answers.</summary>
public static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));

        app.MapGet("/health/ready", async (ShowroomSystem showroom) =>
        {
            var memberStatus = showroom.Cluster.SelfMember.Status.ToString();
            var journal = await JournalStore.IsReachableAsync(showroom.Settings, TimeSpan.FromSeconds(2));
            var body = new { status = showroom.IsUp && journal ? "ready" : "not-ready", member = memberStatus, journal = journal ? "reachable" : "unreachable" };
            return showroom.IsUp && journal ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
    }
}
