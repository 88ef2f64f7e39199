using ShowroomActors.Domain.Audit;

namespace ShowroomActors.Domain.Common;

/// <summary>
/// Why a command was refused. <see cref="Field"/> names the offending input when there is one; <see cref="Break"/>
/// says where the entity's journal is broken when it is <see cref="RejectionCode.Quarantined"/>.
/// </summary>
public sealed record Rejection(RejectionCode Code, string Message, string? Field = null, StreamBreak? Break = null) : IShowroomMessage
{
    public static Rejection Invalid(string field, string message) => new(RejectionCode.Invalid, message, field);
    public static Rejection NotFound(string message, string? field = null) => new(RejectionCode.NotFound, message, field);
    public static Rejection Conflict(string message, string? field = null) => new(RejectionCode.Conflict, message, field);
    public static Rejection Unprocessable(string message, string? field = null) => new(RejectionCode.Unprocessable, message, field);
    public static Rejection Unavailable(string message) => new(RejectionCode.Unavailable, message);
    public static Rejection Unauthorized(string message, string field) => new(RejectionCode.Unauthorized, message, field);

    /// <summary>The entity's recorded stream is broken at <see cref="StreamBreak.FirstBrokenSeq"/>: nothing is served from it.</summary>
    public static Rejection Quarantined(StreamBreak broken) => new(RejectionCode.Quarantined,
        $"'{broken.PersistenceId}' is quarantined: its journal is broken at seq {broken.FirstBrokenSeq} ({broken.Problem}). " +
        "Nothing is served from it until the journal is repaired.", "persistenceId", broken);
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
    /// <summary>The entity's journal failed its integrity checks (tampering): it answers nothing until repaired (503).</summary>
    Quarantined,
}
