using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.WebConsole;

/// <summary>
/// The console's session: the sign-in form exchanges the operator or auditor key for an HttpOnly, SameSite=Strict
/// cookie (ASP.NET cookie authentication, <see cref="Scheme"/>). The session carries the same roles as the key, and a
/// stamp of the key (<see cref="ShowroomKeys.SessionStamp"/>): when the key is changed, sessions opened with the old
/// one end. The scheme satisfies the console's policies (<see cref="ReaderPolicy"/>, <see cref="OperatorPolicy"/>) and,
/// through <see cref="ShowroomAuth.AddHumanScheme"/>, the API's operator and auditor policies, but only for reads:
/// outside <c>/console</c> a cookie never authorizes a POST, PUT, PATCH or DELETE, so a cookie can never be used to
/// forge an API write; the console's own writes are forms checked by ASP.NET antiforgery.
/// </summary>
public static class ConsoleAuth
{
    public const string Scheme = "ConsoleSession";
    public const string CookieName = "showroom.console";
    /// <summary>Operator or auditor: every console page.</summary>
    public const string ReaderPolicy = "console-reader";
    /// <summary>Operator only: the console's writes.</summary>
    public const string OperatorPolicy = "console-operator";
    public const string SignInPath = "/console/sign-in";
    public const string StampClaim = "showroom:key-stamp";

    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    public static IServiceCollection AddConsoleAuth(this IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(Scheme, options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            // The showroom is served over plain HTTP on its LAN as well as behind TLS: Secure whenever the request is.
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.IsEssential = true;
            options.LoginPath = SignInPath;
            options.LogoutPath = "/console/sign-out";
            options.AccessDeniedPath = "/console/forbidden";
            options.ReturnUrlParameter = "returnUrl";
            options.ExpireTimeSpan = SessionLifetime;
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = ValidateAsync;
            // Only console pages are sent to the sign-in form; an API request without a key has had its 401 problem
            // written by the bearer scheme, challenged first.
            options.Events.OnRedirectToLogin = context => IsConsole(context.Request) ? Redirect(context) : Task.CompletedTask;
            options.Events.OnRedirectToAccessDenied = context => IsConsole(context.Request) ? Redirect(context) : Task.CompletedTask;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(ReaderPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireRole(ShowroomAuth.OperatorRole, ShowroomAuth.AuditorRole))
            .AddPolicy(OperatorPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireRole(ShowroomAuth.OperatorRole));
        services.AddHumanScheme(Scheme);
        return services;
    }

    /// <summary>The principal of a session opened with a key of <paramref name="role"/>.</summary>
    public static ClaimsPrincipal Principal(string role, string stamp) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, role), new Claim(ClaimTypes.Role, role), new Claim(StampClaim, stamp)], Scheme));

    public static bool IsConsole(HttpRequest request) => request.Path.StartsWithSegments("/console");

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var role = context.Principal?.FindFirstValue(ClaimTypes.Role);
        var stamp = context.Principal?.FindFirstValue(StampClaim);
        var keys = context.HttpContext.RequestServices.GetRequiredService<ShowroomKeys>();
        if (role is null || stamp is null || keys.SessionStamp(role) != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
            return;
        }
        // A cookie authorizes the API's reads only: writes outside the console need the key itself.
        if (!IsConsole(context.Request) && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            context.RejectPrincipal();
    }
}
