using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using ShowroomActors.Host.Configuration;

namespace ShowroomActors.Host.Http;

/// <summary>
/// Who may call what. Two authentication schemes: <see cref="KeyScheme"/> reads <c>Authorization: Bearer &lt;key&gt;</c>
/// and knows the operator and auditor keys (compared in constant time); <see cref="DeviceScheme"/> reads
/// <c>X-Device-Key</c> (whose key belongs to which device only the slots know: they check it). Three policies:
/// <see cref="OperatorPolicy"/> (operator role), <see cref="AuditorPolicy"/> (auditor or operator role) and
/// <see cref="DevicePolicy"/>. No key or an unknown one: 401; a known key without the role: 403; both as problem details
/// naming the header. Another scheme (the console's cookie session) adds itself to the operator and auditor policies
/// with <see cref="AddHumanScheme"/>; its identity carries the same roles.
/// </summary>
public static class ShowroomAuth
{
    public const string KeyScheme = "ShowroomKey";
    public const string DeviceScheme = "DeviceKey";
    public const string OperatorPolicy = "operator";
    public const string AuditorPolicy = "auditor";
    public const string DevicePolicy = "device";
    public const string OperatorRole = "operator";
    public const string AuditorRole = "auditor";
    public const string DeviceRole = "device";
    public const string DeviceKeyHeader = "X-Device-Key";

    public static IServiceCollection AddShowroomAuth(this IServiceCollection services)
    {
        services.AddAuthentication(KeyScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerKeyHandler>(KeyScheme, null)
            .AddScheme<AuthenticationSchemeOptions, DeviceKeyHandler>(DeviceScheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(OperatorPolicy, p => p.AddAuthenticationSchemes(KeyScheme).RequireRole(OperatorRole))
            .AddPolicy(AuditorPolicy, p => p.AddAuthenticationSchemes(KeyScheme).RequireRole(OperatorRole, AuditorRole))
            .AddPolicy(DevicePolicy, p => p.AddAuthenticationSchemes(DeviceScheme).RequireRole(DeviceRole));
        return services;
    }

    /// <summary>Lets <paramref name="scheme"/> (e.g. a cookie session) satisfy the operator and auditor policies too.</summary>
    public static IServiceCollection AddHumanScheme(this IServiceCollection services, string scheme) =>
        services.PostConfigure<Microsoft.AspNetCore.Authorization.AuthorizationOptions>(options =>
        {
            foreach (var name in new[] { OperatorPolicy, AuditorPolicy })
            {
                var policy = options.GetPolicy(name)!;
                options.AddPolicy(name, new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(policy).AddAuthenticationSchemes(scheme).Build());
            }
        });

    public static TBuilder RequireOperator<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(OperatorPolicy);

    public static TBuilder RequireAuditor<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(AuditorPolicy);

    public static TBuilder RequireDevice<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(DevicePolicy);

    /// <summary>The device key the request carries (after <see cref="DevicePolicy"/> let it through).</summary>
    public static string DeviceKey(this ClaimsPrincipal user) =>
        user.FindFirstValue(DeviceKeyClaim) ?? throw new InvalidOperationException("No device key: the endpoint must require the device policy.");

    internal const string DeviceKeyClaim = "showroom:device-key";
}

/// <summary>The operator and auditor keys, and the demo device keys that only demo mode accepts.</summary>
public sealed class ShowroomKeys(HostSettings settings, IEnumerable<string> demoDeviceKeys)
{
    private readonly byte[]? _operator = Hash(settings.OperatorKey);
    private readonly byte[]? _auditor = Hash(settings.AuditorKey);
    private readonly HashSet<string> _demoDeviceKeys = new(demoDeviceKeys, StringComparer.Ordinal);

    /// <summary>The role a bearer key gives, or null for an unknown key. Compares SHA-256 digests in constant time.</summary>
    public string? RoleOf(string key)
    {
        var presented = Hash(key)!;
        // Both comparisons always run, so the time taken says nothing about which key (if any) matched.
        var isOperator = _operator is not null && CryptographicOperations.FixedTimeEquals(presented, _operator);
        var isAuditor = _auditor is not null && CryptographicOperations.FixedTimeEquals(presented, _auditor);
        return isOperator ? ShowroomAuth.OperatorRole : isAuditor ? ShowroomAuth.AuditorRole : null;
    }

    /// <summary>
    /// A stamp of the key <paramref name="role"/> has now (a digest, never the key): a console session carries the stamp
    /// of the key it signed in with, and ends when the stamps differ (the key was changed).
    /// </summary>
    public string? SessionStamp(string role) => (role switch
    {
        ShowroomAuth.OperatorRole => settings.OperatorKey,
        ShowroomAuth.AuditorRole => settings.AuditorKey,
        _ => null,
    }) is { } key ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("console-session\n" + key)))[..32] : null;

    /// <summary>A demo device key presented while the demo keys are not in use.</summary>
    public bool IsRefusedDemoDeviceKey(string key) => !settings.UsesDemoKeys && _demoDeviceKeys.Contains(key);

    private static byte[]? Hash(string? key) => key is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(key));
}

/// <summary>The <see cref="ShowroomAuth.KeyScheme"/>: <c>Authorization: Bearer &lt;operator or auditor key&gt;</c>.</summary>
public sealed class BearerKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ShowroomKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0) return Task.FromResult(AuthenticateResult.NoResult());
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(AuthenticateResult.Fail("Not a bearer key."));
        if (keys.RoleOf(header["Bearer ".Length..].Trim()) is not { } role)
            return Task.FromResult(AuthenticateResult.Fail("Unknown key."));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, role), new Claim(ClaimTypes.Role, role)], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.Of(StatusCodes.Status401Unauthorized, "Unauthorized", "A valid key is required: 'Authorization: Bearer <key>'.", "Authorization")
            .ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var role = Context.User.FindFirstValue(ClaimTypes.Role) ?? "given";
        return Problems.Of(StatusCodes.Status403Forbidden, "Forbidden", $"The {role} key may not do this.", "Authorization").ExecuteAsync(Context);
    }
}

/// <summary>
/// The <see cref="ShowroomAuth.DeviceScheme"/>: a request carrying <c>X-Device-Key</c> speaks for a device; the slot an
/// event names checks that the key is its device's. Demo device keys are refused outside demo mode.
/// </summary>
public sealed class DeviceKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ShowroomKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = Request.Headers[ShowroomAuth.DeviceKeyHeader].ToString().Trim();
        if (key.Length == 0) return Task.FromResult(AuthenticateResult.NoResult());
        if (keys.IsRefusedDemoDeviceKey(key)) return Task.FromResult(AuthenticateResult.Fail("Demo device keys work only in demo mode."));
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Role, ShowroomAuth.DeviceRole), new Claim(ShowroomAuth.DeviceKeyClaim, key)], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var detail = result.Failure?.Message ?? $"The '{ShowroomAuth.DeviceKeyHeader}' header is required.";
        await Problems.Of(StatusCodes.Status401Unauthorized, "Unauthorized", detail, ShowroomAuth.DeviceKeyHeader).ExecuteAsync(Context);
    }
}
