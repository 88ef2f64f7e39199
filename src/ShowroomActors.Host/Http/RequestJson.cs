using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace ShowroomActors.Host.Http;

/// <summary>
/// Reads a JSON request body strictly: the content type must be JSON (415), the body at most the host's
/// limit (413), well-formed and of the right types (400 naming the JSON path of the bad field).
/// </summary>
public static class RequestJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
    };

    public static async Task<T> ReadAsync<T>(HttpRequest request) where T : class
    {
        if (!request.HasJsonContentType())
            throw new ProblemException(Problems.Of(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "The body must be JSON (Content-Type: application/json).", "Content-Type"));
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, request.HttpContext.RequestAborted);
            return value ?? throw new ProblemException(Problems.BadRequest("$", "The body must be a JSON object, not null."));
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;
            throw new ProblemException(Problems.BadRequest(field, $"Malformed JSON or wrong type at '{field}'."));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            var limit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            throw new ProblemException(Problems.Of(StatusCodes.Status413PayloadTooLarge, "Payload too large",
                $"The body exceeds the limit of {limit} bytes.", "$"));
        }
    }

    /// <summary>The value, or a 400 problem naming <paramref name="field"/> when it is missing.</summary>
    public static T Required<T>(T? value, string field) where T : class =>
        value ?? throw new ProblemException(Problems.BadRequest(field, $"'{field}' is required."));

    public static T Required<T>(T? value, string field) where T : struct =>
        value ?? throw new ProblemException(Problems.BadRequest(field, $"'{field}' is required."));
}
