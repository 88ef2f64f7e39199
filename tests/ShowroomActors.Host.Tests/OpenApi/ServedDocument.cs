using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.OpenApi;

/// <summary>One operation of the served document, as a test drives it.</summary>
public sealed record DocumentedOperation(string Method, string Path, IReadOnlyList<(string Name, string In)> Parameters, bool HasBody, bool Secured, JsonObject? Example);

/// <summary>The OpenAPI document a host serves, read as the operations a client could call.</summary>
public static class ServedDocument
{
    public static async Task<IReadOnlyList<DocumentedOperation>> OperationsAsync(TestShowroom showroom)
    {
        var document = JsonNode.Parse(await (await showroom.GetAsync("/openapi/v1.json", key: null)).Content.ReadAsStringAsync())!;
        var operations = new List<DocumentedOperation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var (method, node) in item!.AsObject())
            {
                var operation = node!.AsObject();
                var parameters = (operation["parameters"]?.AsArray() ?? [])
                    .Select(p => (p!["name"]!.GetValue<string>(), p["in"]!.GetValue<string>())).ToList();
                operations.Add(new DocumentedOperation(method.ToUpperInvariant(), path, parameters, operation["requestBody"] is not null,
                    operation["security"] is not null, operation["x-example-request"]?.AsObject()));
            }
        return operations;
    }

    /// <summary>The request an operation's documented example describes, with the test host's keys.</summary>
    public static HttpRequestMessage ExampleRequest(DocumentedOperation operation)
    {
        var example = operation.Example!;
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), example["path"]?.GetValue<string>() ?? operation.Path);
        switch (example["key"]?.GetValue<string>())
        {
            case "operator": request.Headers.Authorization = new("Bearer", TestShowroom.OperatorKey); break;
            case "auditor": request.Headers.Authorization = new("Bearer", TestShowroom.AuditorKey); break;
        }
        foreach (var (name, value) in example["headers"]?.AsObject() ?? []) request.Headers.TryAddWithoutValidation(name, value!.GetValue<string>());
        if (example["body"] is { } body) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return request;
    }
}
