using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ShowroomActors.Domain.Common;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.WebConsole;

/// <summary>
/// What every console page shares: who is signed in, and the rule that only the operator writes. A POST to any console
/// page (sign-in and sign-out have their own models) from an auditor's session is refused with 403 before its handler
/// runs, whatever the page shows; pages hide their write forms from auditors as well.
/// </summary>
public abstract class ConsolePage : PageModel
{
    public bool IsOperator => User.IsInRole(ShowroomAuth.OperatorRole);

    /// <summary>A problem a form handler met: shown next to <see cref="Field"/> (or above the form when none fits).</summary>
    public ConsoleProblem? Problem { get; private set; }

    /// <summary>A short message after a write succeeded.</summary>
    public string? Done { get; protected set; }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (HttpMethods.IsPost(context.HttpContext.Request.Method) && !IsOperator)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
            return;
        }
        await next();
    }

    /// <summary>
    /// Shows <paramref name="rejection"/> on the form <paramref name="form"/>: next to the input the rejection names
    /// (one of <paramref name="fields"/>, as the API names them), and answers the page with the status the API gives.
    /// </summary>
    protected IActionResult Refused(Rejection rejection, string form, params string[] fields)
    {
        var field = rejection.Field is { } f && fields.Contains(f, StringComparer.Ordinal) ? f : null;
        Problem = new ConsoleProblem(form, field, Problems.StatusOf(rejection.Code), Problems.TitleOf(rejection.Code), rejection.Message, rejection.Field);
        Response.StatusCode = Problem.Status;
        return Page();
    }

    /// <summary>The error message for <paramref name="field"/> of <paramref name="form"/>, when the last problem names it.</summary>
    public string? ErrorFor(string form, string field) => Problem is { } p && p.Form == form && p.Field == field ? p.Detail : null;

    /// <summary>The problem of <paramref name="form"/> that names no input of it.</summary>
    public ConsoleProblem? FormProblem(string form) => Problem is { } p && p.Form == form && p.Field is null ? p : null;

    public ConsoleProblem? ProblemOf(string form) => Problem is { } p && p.Form == form ? p : null;
}

/// <summary>
/// A refused write as the API would answer it (RFC 7807: status, title, detail, the field named), for a form:
/// <see cref="Field"/> is the form's input it belongs to, <see cref="ApiField"/> the field the rejection named.
/// </summary>
public sealed record ConsoleProblem(string Form, string? Field, int Status, string Title, string Detail, string? ApiField);
