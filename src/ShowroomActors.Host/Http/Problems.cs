using Microsoft.AspNetCore.Mvc;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Host.Http;

/// <summary>RFC 7807 problem details, always naming the offending field when there is one.</summary>
public static class Problems
{
    public static IResult Of(int status, string title, string detail, string? field = null, IDictionary<string, object?>? extra = null)
    {
        var extensions = new Dictionary<string, object?>(extra ?? new Dictionary<string, object?>());
        if (field is not null) extensions["field"] = field;
        return Results.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);
    }

    public static IResult BadRequest(string field, string detail) => Of(StatusCodes.Status400BadRequest, "Invalid request", detail, field);

    public static IResult From(Rejection rejection) => rejection.Code switch
    {
        RejectionCode.Invalid => Of(StatusCodes.Status400BadRequest, "Invalid request", rejection.Message, rejection.Field),
        RejectionCode.NotFound => Of(StatusCodes.Status404NotFound, "Not found", rejection.Message, rejection.Field),
        RejectionCode.Conflict => Of(StatusCodes.Status409Conflict, "Conflict", rejection.Message, rejection.Field),
        RejectionCode.Unprocessable => Of(StatusCodes.Status422UnprocessableEntity, "Unprocessable request", rejection.Message, rejection.Field),
        RejectionCode.Unavailable => Unavailable(rejection.Message),
        RejectionCode.Unauthorized => Of(StatusCodes.Status401Unauthorized, "Unauthorized", rejection.Message, rejection.Field),
        _ => Of(StatusCodes.Status500InternalServerError, "Unexpected rejection", rejection.Message, rejection.Field),
    };

    /// <summary>The HTTP status of a rejection code (Unavailable: 503).</summary>
    public static int StatusOf(RejectionCode code) => code switch
    {
        RejectionCode.Invalid => StatusCodes.Status400BadRequest,
        RejectionCode.NotFound => StatusCodes.Status404NotFound,
        RejectionCode.Conflict => StatusCodes.Status409Conflict,
        RejectionCode.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        RejectionCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        RejectionCode.Unauthorized => StatusCodes.Status401Unauthorized,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>The problem title used for a rejection code.</summary>
    public static string TitleOf(RejectionCode code) => code switch
    {
        RejectionCode.Invalid => "Invalid request",
        RejectionCode.NotFound => "Not found",
        RejectionCode.Conflict => "Conflict",
        RejectionCode.Unprocessable => "Unprocessable request",
        RejectionCode.Unavailable => "Service unavailable",
        RejectionCode.Unauthorized => "Unauthorized",
        _ => "Unexpected rejection",
    };

    /// <summary>503 with Retry-After: nothing was persisted, the client should retry.</summary>
    public static IResult Unavailable(string detail) => new RetryAfterResult(
        Of(StatusCodes.Status503ServiceUnavailable, "Service unavailable", detail), retryAfterSeconds: 2);

    private sealed class RetryAfterResult(IResult inner, int retryAfterSeconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}

/// <summary>Thrown inside request handling to answer with a problem; turned into the response by <see cref="ProblemFilter"/>.</summary>
public sealed class ProblemException(IResult problem) : Exception("Request rejected")
{
    public IResult Problem { get; } = problem;
}

/// <summary>Endpoint filter that turns a <see cref="ProblemException"/> into its problem response.</summary>
public sealed class ProblemFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ProblemException problem)
        {
            return problem.Problem;
        }
    }
}
