using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using ShowroomActors.Application;

namespace ShowroomActors.Host.OpenApi;

/// <summary>
/// An endpoint's example request against the demo showroom and the status it answers. <see cref="Key"/> names the key
/// to send (<c>operator</c>, <c>auditor</c>, or none); <see cref="Path"/> is the concrete path (the route's own when null).
/// </summary>
public sealed record ApiExample(int Status, string? Path = null, object? Body = null, string? Key = null, IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// Examples in the OpenAPI document: the request body's <c>example</c>, and under <see cref="ApiDocument.ExampleExtension"/>
/// the whole request (<c>{status, path, key, headers, body}</c>) so a client, or a test, can send it and expect the status.
/// </summary>
public static class ApiExamples
{
    public static TBuilder WithExample<TBuilder>(this TBuilder builder, ApiExample example) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint => endpoint.Metadata.Add(example));
        return builder;
    }

    internal static void Describe(OpenApiOperation operation, IList<object> metadata)
    {
        if (metadata.OfType<ApiExample>().FirstOrDefault() is not { } example) return;
        var body = example.Body is null ? null : JsonSerializer.SerializeToNode(example.Body, ApiJson.Options);
        if (body is not null && operation.RequestBody?.Content is { } content)
            foreach (var media in content.Values)
                media.Example = body.DeepClone();
        var request = new JsonObject { ["status"] = example.Status };
        if (example.Path is not null) request["path"] = example.Path;
        if (example.Key is not null) request["key"] = example.Key;
        if (example.Headers is not null) request["headers"] = new JsonObject(example.Headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)h.Value)));
        if (body is not null) request["body"] = body;
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions[ApiDocument.ExampleExtension] = new JsonNodeExtension(request);
    }
}
