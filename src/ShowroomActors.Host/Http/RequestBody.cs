using System.Buffers;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;
using ShowroomActors.Application;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Host.Http;

/// <summary>
/// A request body type: nullable members, so a missing field is named by <see cref="Validate"/> rather than lost in a
/// deserializer's message. <see cref="Absent"/> is what an endpoint whose body is optional gets without one.
/// </summary>
public interface IRequestBody<TSelf> where TSelf : class, IRequestBody<TSelf>
{
    /// <summary>The first missing or unusable field, or null.</summary>
    Rejection? Validate();

    /// <summary>The body an endpoint gets when the request has none; null: a body is required.</summary>
    static virtual TSelf? Absent => null;
}

/// <summary>
/// A JSON body bound strictly (<see cref="IBindableFromHttpContext{TSelf}"/>): JSON content type in UTF-8 (415 otherwise),
/// at most the host's limit (413), well-formed, without duplicate keys and of the right types (400 naming the JSON path),
/// then validated by the body type (400 naming the field). A body that fails never reaches the handler: the endpoint
/// filter this parameter adds answers with its problem. It also tells OpenAPI what the endpoint accepts.
/// </summary>
public sealed class JsonBody<T> : IBindableFromHttpContext<JsonBody<T>>, IEndpointParameterMetadataProvider, IHasProblem
    where T : class, IRequestBody<T>
{
    private JsonBody(T? value, ProblemHttpResult? problem)
    {
        Value = value!;
        Problem = problem;
    }

    /// <summary>The validated body (only read by handlers, which run only when there is no <see cref="Problem"/>).</summary>
    public T Value { get; }

    public ProblemHttpResult? Problem { get; }

    public static async ValueTask<JsonBody<T>?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var request = context.Request;
        if (T.Absent is { } absent && request.ContentLength is null or 0 && string.IsNullOrEmpty(request.ContentType))
            return new JsonBody<T>(absent, null);
        var read = await RequestBodies.ReadAsync(request);
        if (read.Problem is { } problem) return new JsonBody<T>(null, problem);
        try
        {
            var value = JsonSerializer.Deserialize<T>(read.Bytes, ApiJson.Options);
            if (value is null) return new JsonBody<T>(null, Problems.BadRequest("$", "The body must be a JSON object, not null."));
            return value.Validate() is { } invalid ? new JsonBody<T>(null, Problems.From(invalid)) : new JsonBody<T>(value, null);
        }
        catch (JsonException e)
        {
            return new JsonBody<T>(null, RequestBodies.Malformed(e));
        }
    }

    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        builder.Metadata.Add(new AcceptsMetadata(["application/json"], typeof(T), isOptional: T.Absent is not null));
        RequestBodies.AddProblemFilter(parameter, builder);
    }
}

/// <summary>A JSON body read as bytes after the same checks as <see cref="JsonBody{T}"/> (content type, UTF-8, size), for a caller that parses it itself.</summary>
public sealed class JsonBytes : IBindableFromHttpContext<JsonBytes>, IEndpointParameterMetadataProvider, IHasProblem
{
    private JsonBytes(byte[] bytes, ProblemHttpResult? problem)
    {
        Bytes = bytes;
        Problem = problem;
    }

    public byte[] Bytes { get; }

    public ProblemHttpResult? Problem { get; }

    public static async ValueTask<JsonBytes?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var read = await RequestBodies.ReadAsync(context.Request);
        return new JsonBytes(read.Bytes, read.Problem);
    }

    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) => RequestBodies.AddProblemFilter(parameter, builder);
}

/// <summary>A bound value that may instead hold the problem that stops the request.</summary>
public interface IHasProblem
{
    ProblemHttpResult? Problem { get; }
}

/// <summary>What <see cref="JsonBody{T}"/> and <see cref="JsonBytes"/> share.</summary>
public static class RequestBodies
{
    /// <summary>The body's bytes, or the problem of a body that is not UTF-8 JSON or is too large.</summary>
    public static async Task<(byte[] Bytes, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request)
    {
        if (!request.HasJsonContentType())
            return ([], Problems.Of(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "The body must be JSON (Content-Type: application/json).", "Content-Type"));
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.Charset.HasValue
            && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !type.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            return ([], Problems.Of(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"The body must be UTF-8 JSON, not charset={type.Charset}.", "Content-Type"));
        try
        {
            // Kestrel buffers the body in its own pooled memory until the last byte; then one copy.
            var reader = request.BodyReader;
            while (true)
            {
                var read = await reader.ReadAsync(request.HttpContext.RequestAborted);
                if (read.IsCompleted)
                {
                    var bytes = read.Buffer.ToArray();
                    reader.AdvanceTo(read.Buffer.End);
                    return (bytes, null);
                }
                reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            var limit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            return ([], Problems.Of(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"The body exceeds the limit of {limit} bytes.", "$"));
        }
    }

    /// <summary>400 naming the JSON path of what is wrong (a duplicate key names the key).</summary>
    public static ProblemHttpResult Malformed(JsonException e)
    {
        var field = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;
        return e.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase)
            ? Problems.BadRequest(field, $"The key at '{field}' appears more than once.")
            : Problems.BadRequest(field, $"Malformed JSON or wrong type at '{field}'.");
    }

    /// <summary>An endpoint filter answering with the problem of the body bound for <paramref name="parameter"/>, before the handler runs.</summary>
    public static void AddProblemFilter(ParameterInfo parameter, EndpointBuilder builder)
    {
        var position = parameter.Position;
        builder.FilterFactories.Add((_, next) => async context =>
            context.Arguments[position] switch
            {
                IHasProblem { Problem: { } problem } => problem,
                _ => await next(context),
            });
    }
}

/// <summary>Required members of a request body.</summary>
public static class Required
{
    /// <summary>A rejection naming the first of <paramref name="fields"/> whose value is missing (null), else null.</summary>
    public static Rejection? Missing(params (string Field, object? Value)[] fields) =>
        fields.FirstOrDefault(f => f.Value is null) is { Field: { } field } ? Rejection.Invalid(field, $"'{field}' is required.") : null;
}
