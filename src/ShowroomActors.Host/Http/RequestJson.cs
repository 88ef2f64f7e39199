using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace ShowroomActors.Host.Http;

/// <summary>
/// Reads a JSON request body strictly: the content type must be JSON (415), the body at most the host's
/// limit (413), well-formed and of the right types (400 naming the JSON path of the bad field).
/// </summary>
public static class RequestJson
{
    public static JsonSerializerOptions Options => Application.ApiJson.Options;

    public static async Task<T> ReadAsync<T>(HttpRequest request) where T : class =>
        Parse<T>(await ReadBodyAsync(request));

    /// <summary>
    /// The whole JSON body as bytes (415 if it is not JSON, 413 over the limit), for <see cref="Parse{T}"/>; a caller
    /// may read the bytes more than once (the sensor endpoint does when a batch holds a malformed event).
    /// </summary>
    public static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        RequireJsonContentType(request);
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
                    return bytes;
                }
                reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(request);
        }
    }

    /// <summary>A body read by <see cref="ReadBodyAsync"/>, deserialized strictly: 400 naming the JSON path of what is wrong.</summary>
    public static T Parse<T>(ReadOnlySpan<byte> body) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, Options) ?? throw NullBody();
        }
        catch (JsonException e)
        {
            throw Malformed(e);
        }
    }

    private static void RequireJsonContentType(HttpRequest request)
    {
        if (!request.HasJsonContentType())
            throw new ProblemException(Problems.Of(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "The body must be JSON (Content-Type: application/json).", "Content-Type"));
    }

    private static ProblemException NullBody() => new(Problems.BadRequest("$", "The body must be a JSON object, not null."));

    private static ProblemException Malformed(JsonException e)
    {
        var field = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;
        return new ProblemException(Problems.BadRequest(field, $"Malformed JSON or wrong type at '{field}'."));
    }

    private static ProblemException TooLarge(HttpRequest request)
    {
        var limit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        return new ProblemException(Problems.Of(StatusCodes.Status413PayloadTooLarge, "Payload too large",
            $"The body exceeds the limit of {limit} bytes.", "$"));
    }

    /// <summary>The value, or a 400 problem naming <paramref name="field"/> when it is missing.</summary>
    public static T Required<T>(T? value, string field) where T : class =>
        value ?? throw new ProblemException(Problems.BadRequest(field, $"'{field}' is required."));

    public static T Required<T>(T? value, string field) where T : struct =>
        value ?? throw new ProblemException(Problems.BadRequest(field, $"'{field}' is required."));
}
