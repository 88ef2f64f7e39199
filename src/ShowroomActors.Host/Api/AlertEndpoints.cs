using ShowroomActors.Application.Alerts;
using ShowroomActors.Domain.Alerts;
using ShowroomActors.Domain.Common;
using ShowroomActors.Host.Http;
using ShowroomActors.Host.OpenApi;

namespace ShowroomActors.Host.Api;

/// <summary>
/// The alert feed: <c>GET /api/v1/alerts</c> (auditor or operator), its live stream, and the operator's
/// <c>POST /api/v1/alerts/{alertId}/acknowledge</c>; webhooks: <c>POST|GET /api/v1/webhooks</c>,
/// <c>DELETE /api/v1/webhooks/{webhookId}</c> (operator).
/// </summary>
public static class AlertEndpoints
{
    public static void MapAlertEndpoints(this IEndpointRouteBuilder app)
    {
        var alerts = app.MapGroup("/api/v1/alerts").WithTags("Alerts");

        alerts.MapGet("/", async (string? state, string? slotId, string? skip, string? take, AlertUseCases feed, CancellationToken cancel) =>
        {
            if (QueryValues.FirstOf(State(state, out var wanted),
                    QueryValues.Number(skip, "skip", out var from, allowZero: true),
                    QueryValues.Number(take, "take", out var size)) is { } bad)
                return Problems.From(bad);
            return (await feed.ListAsync(wanted, slotId, (int)Math.Min(from ?? 0, int.MaxValue), (int)Math.Min(size ?? AlertUseCases.DefaultPage, 200), cancel))
                .ToOk(list => new AlertListResponse(list));
        }).RequireAuditor()
            .WithSummary("Alerts from the device and slot health facts, newest first: ?state=open|acknowledged|resolved (none: open and acknowledged), ?slotId=, ?skip=, ?take= (at most 200).")
            .WithExample(new ApiExample(200, "/api/v1/alerts?state=open", Key: "auditor"));

        alerts.MapGet("/stream", AlertStream.Open).RequireAuditor()
            .WithSummary("Server-Sent Events: an `event: alert` frame per alert change (`id` = change); first every unresolved alert, or the changes after `Last-Event-ID`; `keep-alive` events when quiet.");

        alerts.MapGet("/{alertId}", async (string alertId, AlertUseCases feed, CancellationToken cancel) =>
            (await feed.GetAsync(alertId, cancel)).ToOk(alert => alert))
            .RequireAuditor()
            .WithSummary("One alert.");

        alerts.MapPost("/{alertId}/acknowledge", async (string alertId, AlertUseCases feed, CancellationToken cancel) =>
            (await feed.AcknowledgeAsync(alertId, "api", cancel)).ToOk(alert => alert))
            .RequireOperator()
            .WithSummary("Acknowledge an alert (persisted); again: the first acknowledgement. A resolved alert can be acknowledged too.");

        var hooks = app.MapGroup("/api/v1/webhooks").WithTags("Alerts").RequireOperator();

        hooks.MapPost("/", async (JsonBody<CreateWebhookRequest> body, WebhookUseCases webhooks, CancellationToken cancel) =>
            (await webhooks.CreateAsync(body.Value.Url, body.Value.Events, body.Value.Kinds, cancel))
                .ToCreated(c => $"/api/v1/webhooks/{c.Webhook.WebhookId}", CreatedWebhookResponse.From))
            .WithSummary("Register a webhook for alert changes (events: alert.opened/acknowledged/resolved; kinds: alert kinds; both optional): 201 with its id and signing secret, shown once.")
            .WithExample(new ApiExample(201, Body: new { url = "https://ops.example.org/showroom-alerts", events = new[] { "alert.opened", "alert.resolved" } }, Key: "operator"));

        hooks.MapGet("/", async (WebhookUseCases webhooks, CancellationToken cancel) =>
            (await webhooks.ListAsync(cancel)).ToOk(list => new WebhookListResponse(list.Select(WebhookResponse.From).ToList())))
            .WithSummary("Every webhook with its pending and delivered deliveries and the last failure (never the secret).")
            .WithExample(new ApiExample(200, Key: "operator"));

        hooks.MapDelete("/{webhookId}", async (string webhookId, WebhookUseCases webhooks, CancellationToken cancel) =>
        {
            var deleted = await webhooks.DeleteAsync(webhookId, cancel);
            return deleted.IsAccepted ? Results.NoContent() : Problems.From(deleted.Rejection);
        }).WithSummary("Delete a webhook; its pending deliveries are dropped.");
    }

    private static Rejection? State(string? text, out AlertState? state)
    {
        state = text switch
        {
            null => null,
            "open" => AlertState.Open,
            "acknowledged" => AlertState.Acknowledged,
            "resolved" => AlertState.Resolved,
            _ => null,
        };
        return text is null || state is not null ? null : Rejection.Invalid("state", "'state' must be open, acknowledged or resolved.");
    }
}
