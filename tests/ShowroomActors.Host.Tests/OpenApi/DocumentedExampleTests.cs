using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ShowroomActors.Host.Demo;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.OpenApi;

/// <summary>Issue 15 item 4: every example request the document carries answers, against the demo showroom, the status it documents.</summary>
public sealed class DocumentedExampleTests
{
    [Fact]
    public async Task Each_documented_example_request_answers_its_documented_status()
    {
        await using var showroom = await TestShowroom.StartAsync(demo: true);
        await showroom.Services.GetRequiredService<DemoLoader>().Completion;
        var examples = (await ServedDocument.OperationsAsync(showroom)).Where(o => o.Example is not null).ToList();
        Assert.True(examples.Count >= 20, $"{examples.Count} examples documented");

        var failures = new List<string>();
        foreach (var operation in examples)
        {
            using var response = await showroom.Client.SendAsync(ServedDocument.ExampleRequest(operation));
            var expected = operation.Example!["status"]!.GetValue<int>();
            if ((int)response.StatusCode != expected)
                failures.Add($"{operation.Method} {operation.Path}: {(int)response.StatusCode}, documented {expected}: {await response.Content.ReadAsStringAsync()}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
