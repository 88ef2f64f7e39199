using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.OpenApi;

/// <summary>
/// The API's OpenAPI document (<c>/openapi/v1.json</c>, ASP.NET's Microsoft.AspNetCore.OpenApi) and its interactive
/// reference (<c>/docs</c>, Scalar; every asset is served by this host: no CDN). Beside what ASP.NET reads from the
/// endpoints (routes, parameters, bodies, typed answers), the transformers here add to each operation the problems it
/// can answer (RFC 7807, with <c>field</c>), the key it needs, and its example request with the status it answers
/// (<see cref="ApiExamples"/>), and describe the health endpoints.
/// </summary>
public static class ApiDocument
{
    public const string Name = "v1";
    public const string Path = "/openapi/v1.json";
    public const string ProblemSchema = "Problem";
    public const string BearerScheme = "bearer";
    public const string DeviceScheme = "deviceKey";
    /// <summary>The extension holding an operation's example request and the status it answers.</summary>
    public const string ExampleExtension = "x-example-request";

    public static IServiceCollection AddShowroomOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(Name, options =>
        {
            // The console (/console) is a browser application with a cookie session and forms, not part of the API.
            options.ShouldInclude = description => !(description.RelativePath ?? "").StartsWith("console", StringComparison.OrdinalIgnoreCase);
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                AddProblems(operation, context.Description.HttpMethod ?? "GET", metadata, context.Document);
                AddSecurity(operation, metadata, context.Document);
                ApiExamples.Describe(operation, metadata);
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer((document, _, _) =>
            {
                Describe(document);
                return Task.CompletedTask;
            });
        });

    public static void MapShowroomOpenApi(this WebApplication app)
    {
        app.MapOpenApi(Path);
        app.MapScalarApiReference("/docs", options => options.WithTitle("ShowroomActors API").WithOpenApiRoutePattern(Path));
    }

    private static void Describe(OpenApiDocument document)
    {
        document.Info.Title = "ShowroomActors API";
        document.Info.Version = "v1";
        document.Info.Description = "The HTTP API of a consumption poverty-alleviation showroom: catalog and stock, smart shelves, " +
            "orders, buyer accounts and procurement quotas, audit. A 2xx means the change is persisted. Errors are RFC 7807 problem " +
            "details naming the offending input in `field`. Operators send `Authorization: Bearer <operator key>`, auditors the " +
            "auditor key, devices `X-Device-Key`.";
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 7807 problem details; `field` names the offending input (a JSON path, a field, a header) when there is one.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["field"] = new OpenApiSchema { Type = JsonSchemaType.String },
            },
        };
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The operator key (SHOWROOM_OPERATOR_KEY), or the read-only auditor key (SHOWROOM_AUDITOR_KEY) for the audit API.",
        };
        document.Components.SecuritySchemes[DeviceScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ShowroomAuth.DeviceKeyHeader,
            Description = "A shelf device's key, bound with its slot; the slot an event names checks it.",
        };
        document.Paths["/health/live"] = HealthPath("The process answers.", """{"status":"live"}""", withProblem: false);
        document.Paths["/health/ready"] = HealthPath(
            "Ready: this node is an Up cluster member, its journal answers and writes have not kept failing; else 503 with the reason.",
            """{"status":"ready","member":"Up","journal":"reachable","checks":{}}""", withProblem: true);
    }

    private static OpenApiPathItem HealthPath(string description, string example, bool withProblem)
    {
        var responses = new OpenApiResponses
        {
            ["200"] = new OpenApiResponse
            {
                Description = "OK",
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Example = JsonNode.Parse(example) } },
            },
        };
        if (withProblem)
            responses["503"] = new OpenApiResponse
            {
                Description = "Not ready: `reason` names each failing check.",
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() },
            };
        var operation = new OpenApiOperation { Summary = description, Tags = new HashSet<OpenApiTagReference> { new("Health") }, Responses = responses };
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions[ExampleExtension] = new JsonNodeExtension(new JsonObject { ["status"] = 200 });
        return new OpenApiPathItem { Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Get] = operation } };
    }

    /// <summary>The problems an operation can answer, from what it is: its body, its parameters, its key, whether it writes.</summary>
    private static void AddProblems(OpenApiOperation operation, string method, IList<object> metadata, OpenApiDocument? document)
    {
        var statuses = new SortedDictionary<int, string>
        {
            [503] = "The journal is unavailable or an entity did not answer in time: nothing is known to be recorded; retry (`Retry-After`).",
        };
        var reads = method is "GET" or "HEAD";
        if (metadata.OfType<IAcceptsMetadata>().Any() || operation.RequestBody is not null)
        {
            statuses[400] = "Malformed JSON, a key twice, a wrong type (`field` is the JSON path), a missing field or an invalid value (`field` names it).";
            statuses[413] = "The body is over 1 MB.";
            statuses[415] = "The body is not UTF-8 JSON (`field`: Content-Type).";
        }
        if (operation.Parameters is { Count: > 0 } parameters)
        {
            if (parameters.Any(p => p.In == ParameterLocation.Query)) statuses.TryAdd(400, "A query value is invalid (`field` names it).");
            if (parameters.Any(p => p.In == ParameterLocation.Path)) statuses[404] = "Nothing of that id exists (or the id cannot be one).";
        }
        var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).ToList();
        if (policies.Count > 0)
        {
            statuses[401] = "No key, or an unknown one.";
            if (policies.Contains(ShowroomAuth.OperatorPolicy)) statuses[403] = "A known key whose role may not do this (e.g. the auditor key).";
        }
        if (policies.Any(p => p is ShowroomAuth.OperatorPolicy or ShowroomAuth.AuditorPolicy) || metadata.OfType<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>().Any())
            statuses[429] = "Too many requests from this address (unknown keys, or orders without an operator key); `Retry-After` says when to try again.";
        if (!reads)
        {
            statuses[409] = "Conflicts with what is recorded (same id or reference with other content; an illegal lifecycle step; short stock).";
            statuses[422] = "Well-formed but cannot be done (e.g. a parent that is not a budget unit, an order over its cap, another request under the same key).";
        }
        operation.Responses ??= new OpenApiResponses();
        foreach (var (status, description) in statuses)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses.ContainsKey(key)) continue;
            operation.Responses[key] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
                },
            };
        }
    }

    private static void AddSecurity(OpenApiOperation operation, IList<object> metadata, OpenApiDocument? document)
    {
        var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).ToList();
        var scheme = policies.Contains(ShowroomAuth.DevicePolicy) ? DeviceScheme
            : policies.Any(p => p is ShowroomAuth.OperatorPolicy or ShowroomAuth.AuditorPolicy) ? BearerScheme
            : null;
        if (scheme is null) return;
        operation.Security ??= new List<OpenApiSecurityRequirement>();
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] });
    }
}
