using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.WebConsole.Pages;

/// <summary>
/// Exchanges the operator or auditor key for a session cookie. The key is checked as the bearer scheme checks it
/// (<see cref="ShowroomKeys.RoleOf"/>: SHA-256 digests compared in constant time), and a wrong key counts against the
/// address's failed-key budget (<see cref="FailedKeys"/>) like an unknown bearer key: past it, 429 until the window moves.
/// </summary>
public sealed class SignInModel(ShowroomKeys keys, FailedKeys failedKeys, IStringLocalizer<ConsoleText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? key)
    {
        if (string.IsNullOrEmpty(key) || keys.RoleOf(key.Trim()) is not { } role)
        {
            if (!failedKeys.TryCountFailure(RateLimits.ClientAddress(HttpContext), out var retryAfter))
            {
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Error = text["Too many wrong keys from this address; try again in {0} s.", seconds];
                return Page();
            }
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            Error = string.IsNullOrEmpty(key) ? text["Enter a key."] : text["This key is not the operator key or the auditor key."];
            return Page();
        }

        await HttpContext.SignInAsync(ConsoleAuth.Scheme, ConsoleAuth.Principal(role, keys.SessionStamp(role)!),
            new AuthenticationProperties { IsPersistent = false });
        return LocalRedirect(ConsoleSetup.IsLocal(ReturnUrl) && ReturnUrl!.StartsWith("/console", StringComparison.Ordinal) ? ReturnUrl : ConsoleSetup.HomePath);
    }
}
