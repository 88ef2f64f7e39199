using Microsoft.AspNetCore.Http.HttpResults;
using ShowroomActors.Domain.Common;
using ShowroomActors.Actors;
using ShowroomActors.Actors.Clustering;
using ShowroomActors.Host.Http;
using ShowroomActors.Host.OpenApi;

namespace ShowroomActors.Host.Api;

/// <summary><c>GET /api/v1/cluster</c> (operator): members, leader, and shards/entities per type per node.</summary>
public static class ClusterEndpoints
{
    public static void MapClusterEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/cluster", async Task<Results<Ok<ClusterView>, ProblemHttpResult>> (ShowroomSystem showroom) =>
        {
            try
            {
                return TypedResults.Ok(await ClusterStatus.ReadAsync(showroom, showroom.AskTimeout));
            }
            catch (Akka.Actor.AskTimeoutException)
            {
                return Problems.From(Rejection.Unavailable("The shard regions did not report in time; the cluster may be changing. Retry."));
            }
        }).RequireOperator().WithTags("Operations")
            .WithSummary("Cluster members, leader, and shards and entities per type per node.")
            .WithExample(new ApiExample(200, Key: "operator"));
    }
}
