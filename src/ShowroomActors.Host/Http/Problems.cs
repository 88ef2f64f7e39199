using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Host.Http;

/// <summary>
/// RFC 7807 problem details, always naming the offending field when there is one: the one mapping from a
/// <see cref="Rejection"/> to an HTTP status and title. A 503 also carries <c>Retry-After</c> (added where problems are
/// written, <see cref="Customize"/>).
/// </summary>
public static class Problems
{
    /// <summary>Seconds a client should wait before retrying a 503.</summary>
    public const int RetryAfterSeconds = 2;

    public static ProblemHttpResult Of(int status, string title, string detail, string? field = null, IDictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>());
        if (field is not null) all["field"] = field;
        return TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: all);
    }

    public static ProblemHttpResult BadRequest(string field, string detail) => Of(StatusCodes.Status400BadRequest, TitleOf(RejectionCode.Invalid), detail, field);

    public static ProblemHttpResult From(Rejection rejection) =>
        Of(StatusOf(rejection.Code), TitleOf(rejection.Code), rejection.Message, rejection.Field, ExtensionsOf(rejection));

    /// <summary>
    /// What a rejection adds to its problem besides <c>field</c>: a quarantined stream's <c>persistenceId</c>,
    /// <c>firstBrokenSeq</c> and <c>problem</c>.
    /// </summary>
    private static Dictionary<string, object?>? ExtensionsOf(Rejection rejection) => rejection.Break is { } broken
        ? new Dictionary<string, object?> { ["persistenceId"] = broken.PersistenceId, ["firstBrokenSeq"] = broken.FirstBrokenSeq, ["problem"] = broken.Problem }
        : null;

    /// <summary>The problem of a rejection as a value (no trace id: written as it is, e.g. to replay an answer byte for byte).</summary>
    public static ProblemDetails Details(Rejection rejection, string? instance = null)
    {
        var status = StatusOf(rejection.Code);
        var problem = new ProblemDetails
        {
            Type = TypeOf(status),
            Title = TitleOf(rejection.Code),
            Status = status,
            Detail = rejection.Message,
            Instance = instance,
        };
        if (rejection.Field is not null) problem.Extensions["field"] = rejection.Field;
        foreach (var (name, value) in ExtensionsOf(rejection) ?? []) problem.Extensions[name] = value;
        return problem;
    }

    public static int StatusOf(RejectionCode code) => code switch
    {
        RejectionCode.Invalid => StatusCodes.Status400BadRequest,
        RejectionCode.NotFound => StatusCodes.Status404NotFound,
        RejectionCode.Conflict => StatusCodes.Status409Conflict,
        RejectionCode.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        RejectionCode.Unavailable or RejectionCode.Quarantined => StatusCodes.Status503ServiceUnavailable,
        RejectionCode.Unauthorized => StatusCodes.Status401Unauthorized,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static string TitleOf(RejectionCode code) => code switch
    {
        RejectionCode.Invalid => "Invalid request",
        RejectionCode.NotFound => "Not found",
        RejectionCode.Conflict => "Conflict",
        RejectionCode.Unprocessable => "Unprocessable request",
        RejectionCode.Unavailable => "Service unavailable",
        RejectionCode.Unauthorized => "Unauthorized",
        RejectionCode.Quarantined => "Stream quarantined",
        _ => "Unexpected rejection",
    };

    /// <summary>The RFC section ASP.NET names as the <c>type</c> of a status.</summary>
    public static string TypeOf(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        StatusCodes.Status422UnprocessableEntity => "https://tools.ietf.org/html/rfc4918#section-11.2",
        StatusCodes.Status429TooManyRequests => "https://tools.ietf.org/html/rfc6585#section-4",
        StatusCodes.Status503ServiceUnavailable => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        >= 400 and < 500 => $"https://tools.ietf.org/html/rfc9110#section-15.5.{status - 399}",
        _ => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
    };

    /// <summary>
    /// Every problem the host writes passes here (registered with AddProblemDetails): a 503 gets <c>Retry-After</c>; a
    /// 415 that ASP.NET's routing answered (a body of another media type than an endpoint accepts) gets its detail and
    /// <c>field</c>, like the 415 of a body the endpoint read itself.
    /// </summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
            context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (problem.Status == StatusCodes.Status415UnsupportedMediaType && !problem.Extensions.ContainsKey("field"))
        {
            problem.Title = "Unsupported media type";
            problem.Detail ??= "The body must be JSON (Content-Type: application/json).";
            problem.Extensions["field"] = "Content-Type";
        }
    }
}
