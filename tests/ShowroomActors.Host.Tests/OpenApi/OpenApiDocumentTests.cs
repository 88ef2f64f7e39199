using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using ShowroomActors.Host.Tests.Support;

namespace ShowroomActors.Host.Tests.OpenApi;

/// <summary>Issue 15 item 4: the served OpenAPI document is valid, describes every endpoint with its answers and problems, and /docs serves everything itself.</summary>
public sealed partial class OpenApiDocumentTests : IAsyncLifetime
{
    private TestShowroom _showroom = null!;

    public async Task InitializeAsync() => _showroom = await TestShowroom.StartAsync();

    public async Task DisposeAsync() => await _showroom.DisposeAsync();

    [Fact]
    public async Task The_document_is_valid_openapi_and_describes_every_api_endpoint_with_answers_problems_and_keys()
    {
        var served = await _showroom.GetAsync("/openapi/v1.json", key: null);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        var text = await served.Content.ReadAsStringAsync();
        var read = OpenApiDocument.Parse(text, "json", new OpenApiReaderSettings());
        Assert.Empty(read.Diagnostic!.Errors);
        var document = read.Document!;
        Assert.Equal("ShowroomActors API", document.Info.Title);

        // Every API route the host maps is in the document, with its method.
        var mapped = _showroom.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Path: Template(e.RoutePattern.RawText!), Method: m)))
            .ToHashSet();
        var documented = document.Paths.SelectMany(p => p.Value.Operations!.Keys.Select(m => (Path: p.Key, Method: m.Method))).ToHashSet();
        Assert.Empty(mapped.Except(documented));
        Assert.Contains(("/health/ready", "GET"), documented);

        foreach (var (path, item) in document.Paths)
            foreach (var (method, operation) in item.Operations!)
            {
                var name = $"{method} {path}";
                Assert.False(string.IsNullOrEmpty(operation.Summary), $"{name} has a summary");
                Assert.Contains(operation.Responses!.Keys, k => k.StartsWith('2'));
                if (path.StartsWith("/api/", StringComparison.Ordinal))
                    Assert.True(operation.Responses!.TryGetValue("503", out var unavailable)
                        && unavailable.Content!.ContainsKey("application/problem+json"), $"{name} documents its 503 problem");
                if (operation.RequestBody is not null)
                    Assert.True(new[] { "400", "413", "415" }.All(operation.Responses!.ContainsKey), $"{name} documents its body problems");
            }

        var register = document.Paths["/api/v1/products"].Operations![HttpMethod.Post];
        Assert.True(register.RequestBody!.Content!["application/json"].Schema is not null, "the registration body has a schema");
        Assert.Single(register.Security!);
        Assert.True(document.Paths["/api/v1/sensor-events"].Operations![HttpMethod.Post].Security!.Single().Keys.Single().Reference.Id == "deviceKey");
        Assert.Null(document.Paths["/api/v1/products"].Operations![HttpMethod.Get].Security);
    }

    [Fact]
    public async Task The_docs_page_loads_every_script_from_this_host()
    {
        var page = await _showroom.GetAsync("/docs/", key: null);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var scripts = ScriptSource().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        foreach (var src in scripts)
        {
            Assert.False(Uri.TryCreate(src, UriKind.Absolute, out var absolute) && absolute.Host != _showroom.BaseAddress.Host, $"{src} comes from another host");
            var script = await _showroom.GetAsync(new Uri(new Uri(_showroom.BaseAddress, "/docs/"), src).PathAndQuery, key: null);
            Assert.True(script.StatusCode == HttpStatusCode.OK, $"{src} is served by the host ({script.StatusCode})");
            Assert.DoesNotContain("cdn.jsdelivr.net/npm/@scalar", await script.Content.ReadAsStringAsync());
        }
        Assert.DoesNotContain("https://cdn", html);
    }

    /// <summary>A route pattern as OpenAPI writes it: <c>{year:int}</c> → <c>{year}</c>, no trailing slash.</summary>
    private static string Template(string pattern) => RouteConstraint().Replace(pattern, "}").TrimEnd('/');

    [GeneratedRegex(@"<script[^>]*\bsrc=""([^""]+)""")]
    private static partial Regex ScriptSource();

    [GeneratedRegex(@":[a-z]+\}")]
    private static partial Regex RouteConstraint();
}
