using System.Net;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.Foundation;

public sealed class HealthTests
{
    [Fact]
    public async Task Live_and_ready_when_the_node_is_up_and_the_journal_answers()
    {
        await using var showroom = await TestShowroom.StartAsync();
        var live = await showroom.GetAsync("/health/live", key: null);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        var ready = await showroom.GetAsync("/health/ready", key: null);
        var body = await TestShowroom.JsonAsync(ready);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Up", body.GetProperty("member").GetString());
        Assert.Equal("reachable", body.GetProperty("journal").GetString());
    }

    [Fact]
    public async Task Unknown_routes_answer_problem_details()
    {
        await using var showroom = await TestShowroom.StartAsync();
        await TestShowroom.AssertProblemAsync(await showroom.GetAsync("/api/v1/nothing-here"), 404);
    }
}
