using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using ShowroomActors.Actors.Configuration;

namespace ShowroomActors.Host.WebConsole;

/// <summary>
/// The operator and auditor console at <c>/console</c>: Razor Pages (server-rendered; small JS modules under
/// <c>wwwroot/console/</c> for live updates), the cookie session (<see cref="ConsoleAuth"/>), antiforgery on every
/// form, and the two languages (Chinese, the default, and English) through ASP.NET's request localization.
/// </summary>
public static class ConsoleSetup
{
    /// <summary>Where a signed-in user lands.</summary>
    public const string HomePath = "/console/floor";
    public const string LanguageCookie = "showroom.console.lang";
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    public static IServiceCollection AddShowroomConsole(this IServiceCollection services, ShowroomSettings settings)
    {
        services.AddRazorPages(pages =>
        {
            pages.Conventions.AuthorizeFolder("/Console", ConsoleAuth.ReaderPolicy);
            pages.Conventions.AllowAnonymousToPage("/Console/SignIn");
        }).ConfigureApplicationPartManager(parts =>
        {
            // The pages are compiled into this assembly, which is not the entry assembly when a test process hosts it:
            // add its parts (its types and its compiled Razor items) the way the entry assembly's are added.
            var host = typeof(ConsoleSetup).Assembly;
            if (parts.ApplicationParts.OfType<AssemblyPart>().Any(part => part.Assembly == host)) return;
            foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(host).GetApplicationParts(host))
                parts.ApplicationParts.Add(part);
        });
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "showroom.console.csrf";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.Path = "/console";
        });
        // Session cookies and antiforgery tokens are encrypted with keys kept in the data folder, so sessions survive
        // a restart of the host. Each node of a cluster keeps its own: a load balancer in front of several nodes must
        // keep a browser on one node (docs/CONSOLE.md).
        services.AddDataProtection()
            .SetApplicationName("ShowroomActors")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(settings.DataDir, "console-keys")));
        services.AddConsoleAuth();
        return services;
    }

    /// <summary>Language for console pages only (the API and the shelf pages stay as they are): zh-CN unless chosen.</summary>
    public static IApplicationBuilder UseConsoleLocalization(this IApplicationBuilder app) =>
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/console"), console => console.UseRequestLocalization(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            options.SupportedCultures = Cultures;
            options.SupportedUICultures = Cultures;
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider { CookieName = LanguageCookie },
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        }));

    public static void MapShowroomConsole(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapGet("/console", () => TypedResults.Redirect(HomePath)).WithTags("Console");
        app.MapGet("/console/floor/stream", FloorStream.OpenAsync).RequireAuthorization(ConsoleAuth.ReaderPolicy).WithTags("Console");
        app.MapGet("/console/alerts/stream", Api.AlertStream.Open).RequireAuthorization(ConsoleAuth.ReaderPolicy).WithTags("Console");
        // The language switch: remembers the choice in a cookie and goes back to the page it was chosen on.
        app.MapGet("/console/language", (string? culture, string? returnUrl, HttpContext http) =>
        {
            var chosen = Cultures.FirstOrDefault(c => c.Name.Equals(culture, StringComparison.OrdinalIgnoreCase)) ?? Cultures[0];
            http.Response.Cookies.Append(LanguageCookie, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)), new CookieOptions
            {
                Path = "/console",
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                IsEssential = true,
                MaxAge = TimeSpan.FromDays(365),
            });
            return TypedResults.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : HomePath);
        }).WithTags("Console");
    }

    /// <summary>A path on this host (not <c>//other</c> or an absolute URL), safe to redirect to.</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
