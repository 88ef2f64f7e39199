namespace ShowroomActors.Domain.Common;

/// <summary>Why a command was refused. <see cref="Field"/> names the offending input when there is one.</summary>
public sealed record Rejection(RejectionCode Code, string Message, string? Field = null) : IShowroomMessage
{
    public static Rejection Invalid(string field, string message) => new(RejectionCode.Invalid, message, field);
    public static Rejection NotFound(string message, string? field = null) => new(RejectionCode.NotFound, message, field);
    public static Rejection Conflict(string message, string? field = null) => new(RejectionCode.Conflict, message, field);
    public static Rejection Unprocessable(string message, string? field = null) => new(RejectionCode.Unprocessable, message, field);
    public static Rejection Unavailable(string message) => new(RejectionCode.Unavailable, message);
    public static Rejection Unauthorized(string message, string field) => new(RejectionCode.Unauthorized, message, field);
}

/// <summary>Kinds of rejection; the host maps them to 400, 404, 409, 422, 503 and 401.</summary>
public enum RejectionCode
{
    Invalid,
    NotFound,
    Conflict,
    Unprocessable,
    /// <summary>The journal could not record the change; retry later (503).</summary>
    Unavailable,
    /// <summary>The credentials do not speak for what the request names, e.g. a device key for another device (401).</summary>
    Unauthorized,
}
