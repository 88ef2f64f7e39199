using System.Data.Common;
using ShowroomActors.Actors.Alerts;
using ShowroomActors.Domain.Alerts;
using ShowroomActors.Domain.Common;

namespace ShowroomActors.Application.Alerts;

/// <summary>A webhook just registered, with its signing secret (shown once).</summary>
public sealed record CreatedWebhook(WebhookView Webhook, string Secret);

/// <summary>
/// Webhooks the operator registers to hear every alert change (or those the filters pick): register (the secret is
/// answered once), list, delete. Deliveries are queued by the alert book and sent by its dispatcher.
/// </summary>
public sealed class WebhookUseCases(ActorGateway actors)
{
    public async Task<Outcome<CreatedWebhook>> CreateAsync(string? url, IReadOnlyList<string>? events, IReadOnlyList<string>? kinds, CancellationToken cancel)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https") || target.UserInfo.Length > 0 || target.Host.Length == 0)
            return Rejection.Invalid("url", "'url' must be an absolute http or https URL without user information.");
        if (url!.Length > 2000) return Rejection.Invalid("url", "'url' must be at most 2000 characters.");
        if (events is not null && (events.Count == 0 || events.Any(e => !AlertChanges.All.Contains(e))))
            return Rejection.Invalid("events", $"'events' must list one or more of {string.Join(", ", AlertChanges.All)} (or be left out for all).");
        if (kinds is not null && (kinds.Count == 0 || kinds.Any(k => !AlertKinds.All.Contains(k))))
            return Rejection.Invalid("kinds", $"'kinds' must list one or more of {string.Join(", ", AlertKinds.All)} (or be left out for all).");
        try
        {
            var (hook, secret) = await actors.Showroom.Webhooks.CreateAsync(target, events?.Distinct().ToList(), kinds?.Distinct().ToList(), actors.Clock.GetUtcNow(), cancel);
            return new CreatedWebhook(hook, secret);
        }
        catch (DbException e)
        {
            return Rejection.Unavailable($"The webhook could not be stored ({e.Message}); nothing was registered. Retry.");
        }
    }

    public async Task<Outcome<IReadOnlyList<WebhookView>>> ListAsync(CancellationToken cancel)
    {
        try
        {
            return Outcome<IReadOnlyList<WebhookView>>.Of(await actors.Showroom.Webhooks.ListAsync(cancel));
        }
        catch (DbException e)
        {
            return Rejection.Unavailable($"The webhooks could not be read ({e.Message}); retry.");
        }
    }

    public async Task<Outcome<string>> DeleteAsync(string webhookId, CancellationToken cancel)
    {
        if (!Ids.IsValid(webhookId)) return NoSuchWebhook(webhookId);
        try
        {
            return await actors.Showroom.Webhooks.DeleteAsync(webhookId, cancel) ? webhookId : NoSuchWebhook(webhookId);
        }
        catch (DbException e)
        {
            return Rejection.Unavailable($"The webhook could not be deleted ({e.Message}); retry.");
        }
    }

    private static Rejection NoSuchWebhook(string webhookId) => Rejection.NotFound($"No webhook '{webhookId}'.", "webhookId");
}
