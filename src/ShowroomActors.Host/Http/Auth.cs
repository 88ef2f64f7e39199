using System.Security.Cryptography;
using System.Text;
using ShowroomActors.Actors.Configuration;

namespace ShowroomActors.Host.Http;

/// <summary>Who a bearer key belongs to.</summary>
public enum Role
{
    None,
    Auditor,
    Operator,
}

/// <summary>
/// Bearer-key roles: operators change and read everything; auditors only read the audit API.
/// No key or an unknown key: 401. A known key without the needed role: 403. Keys are compared in constant time.
/// </summary>
public sealed class Auth(ShowroomSettings settings)
{
    private readonly byte[] _operatorKey = Encoding.UTF8.GetBytes(settings.OperatorKey);
    private readonly byte[] _auditorKey = Encoding.UTF8.GetBytes(settings.AuditorKey);

    public Role RoleOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Role.None;
        var key = Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim());
        if (CryptographicOperations.FixedTimeEquals(key, _operatorKey)) return Role.Operator;
        if (CryptographicOperations.FixedTimeEquals(key, _auditorKey)) return Role.Auditor;
        return Role.None;
    }

    /// <summary>Null when the request may go on, else the 401/403 problem.</summary>
    public IResult? Check(HttpRequest request, params Role[] allowed)
    {
        var role = RoleOf(request);
        if (role == Role.None)
        {
            request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return Problems.Of(StatusCodes.Status401Unauthorized, "Unauthorized",
                "A valid key is required: 'Authorization: Bearer <key>'.", "Authorization");
        }
        return allowed.Contains(role)
            ? null
            : Problems.Of(StatusCodes.Status403Forbidden, "Forbidden",
                $"The {role.ToString().ToLowerInvariant()} key may not do this.", "Authorization");
    }
}

/// <summary>Endpoint filter requiring one of the given roles.</summary>
public sealed class RequireRole(params Role[] roles) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var auth = context.HttpContext.RequestServices.GetRequiredService<Auth>();
        return auth.Check(context.HttpContext.Request, roles) ?? await next(context);
    }
}

public static class AuthExtensions
{
    public static TBuilder RequireOperator<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new RequireRole(Role.Operator));

    public static TBuilder RequireAuditor<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new RequireRole(Role.Operator, Role.Auditor));
}
