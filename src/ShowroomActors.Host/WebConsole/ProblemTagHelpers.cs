using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ShowroomActors.Host.WebConsole;

/// <summary>
/// <c>&lt;input problem-form="stock" problem-field="quantity"&gt;</c>: marks the input invalid and points it at its
/// message when the page's last problem (<see cref="ConsolePage.Problem"/>) names it.
/// </summary>
[HtmlTargetElement("input", Attributes = "problem-form,problem-field")]
[HtmlTargetElement("select", Attributes = "problem-form,problem-field")]
public sealed class ProblemInputTagHelper : TagHelper
{
    [HtmlAttributeName("problem-form")] public string Form { get; set; } = "";
    [HtmlAttributeName("problem-field")] public string Field { get; set; } = "";
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (ViewContext.ViewData.Model is not ConsolePage page || page.ErrorFor(Form, Field) is null) return;
        output.Attributes.SetAttribute("aria-invalid", "true");
        output.Attributes.SetAttribute("aria-describedby", ProblemMessageTagHelper.IdOf(Form, Field));
    }
}

/// <summary>
/// <c>&lt;problem-message form="stock" field="quantity" /&gt;</c>: the problem's detail next to its input, with the
/// status and the field the API would name; nothing when there is no such problem. Without <c>field</c>: the form's
/// problem that names none of its inputs.
/// </summary>
[HtmlTargetElement("problem-message", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ProblemMessageTagHelper : TagHelper
{
    public string Form { get; set; } = "";
    public string? Field { get; set; }
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public static string IdOf(string form, string field) => $"{form}-{field}-problem";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var page = ViewContext.ViewData.Model as ConsolePage;
        var problem = Field is null ? page?.FormProblem(Form) : page?.ErrorFor(Form, Field) is null ? null : page.Problem;
        if (problem is null)
        {
            output.SuppressOutput();
            return;
        }
        output.TagName = "p";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "field-error");
        output.Attributes.SetAttribute("role", "alert");
        output.Attributes.SetAttribute("data-status", problem.Status);
        if (Field is not null) output.Attributes.SetAttribute("id", IdOf(Form, Field));
        var where = problem.ApiField is null ? "" : $" · field: {problem.ApiField}";
        output.Content.SetHtmlContent(new HtmlContentBuilder()
            .Append(problem.Detail)
            .AppendHtml("<span class=\"problem-meta\">")
            .Append($"{problem.Status} {problem.Title}{where}")
            .AppendHtml("</span>"));
    }
}
