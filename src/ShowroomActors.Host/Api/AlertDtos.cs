using ShowroomActors.Actors.Alerts;
using ShowroomActors.Application.Alerts;
using ShowroomActors.Domain.Alerts;
using ShowroomActors.Domain.Common;
using ShowroomActors.Host.Http;

namespace ShowroomActors.Host.Api;

/// <summary><c>GET /api/v1/alerts</c>: the alerts the filter picked, newest first.</summary>
public sealed record AlertListResponse(IReadOnlyList<AlertView> Alerts);

/// <summary><c>POST /api/v1/webhooks</c>: where to deliver, and optionally which changes (<c>events</c>) of which alert <c>kinds</c>.</summary>
public sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string>? Events, IReadOnlyList<string>? Kinds) : IRequestBody<CreateWebhookRequest>
{
    public Rejection? Validate() => Required.Missing(("url", Url));
}

/// <summary>A webhook as listed: never its secret.</summary>
public sealed record WebhookResponse(
    string WebhookId, string Url, IReadOnlyList<string>? Events, IReadOnlyList<string>? Kinds, DateTimeOffset CreatedAt,
    long Pending, long Delivered, int? LastStatus, string? LastError)
{
    public static WebhookResponse From(WebhookView w) => new(w.WebhookId, w.Url, w.Events, w.Kinds, w.CreatedAt, w.Pending, w.Delivered, w.LastStatus, w.LastError);
}

/// <summary>The 201 answer of a registration: the webhook and its signing secret, shown this once.</summary>
public sealed record CreatedWebhookResponse(
    string WebhookId, string Url, IReadOnlyList<string>? Events, IReadOnlyList<string>? Kinds, DateTimeOffset CreatedAt, string Secret)
{
    public static CreatedWebhookResponse From(CreatedWebhook c) =>
        new(c.Webhook.WebhookId, c.Webhook.Url, c.Webhook.Events, c.Webhook.Kinds, c.Webhook.CreatedAt, c.Secret);
}

/// <summary><c>GET /api/v1/webhooks</c>.</summary>
public sealed record WebhookListResponse(IReadOnlyList<WebhookResponse> Webhooks);
