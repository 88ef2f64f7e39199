using System.Net.Http.Headers;
using System.Text;
using Akka.Actor;
using Akka.Event;

namespace ShowroomActors.Actors.Alerts;

/// <summary>
/// Delivers the webhook outbox: every <c>poll-every</c>, and at once when the alert book queued something, it takes the
/// deliveries that are due and POSTs each (JSON body as queued, delivery id, timestamp, signature: see
/// <see cref="WebhookSignature"/>). A 2xx marks it delivered; anything else (an error status, no answer within
/// <c>delivery-timeout</c>, a refused connection) schedules the next attempt with exponential backoff and jitter
/// (<see cref="AlertSettings.RetryDelay"/>). At least once: a delivery that reached the receiver but whose answer was
/// lost is sent again, with the same delivery id. Runs beside the alert book (a child of its singleton), so one node
/// delivers; a new singleton after a crash resumes from the rows.
/// </summary>
public sealed class WebhookDispatcher : ReceiveActor, IWithTimers
{
    private readonly WebhookStore _store;
    private readonly AlertSettings _settings;
    private readonly TimeProvider _clock;
    private readonly HttpClient _http;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private bool _busy;
    private bool _again;

    public WebhookDispatcher(WebhookStore store, AlertSettings settings, TimeProvider clock)
    {
        _store = store;
        _settings = settings;
        _clock = clock;
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = settings.DeliveryTimeout,
        };
        Receive<Kick>(_ => Round());
        Receive<RoundDone>(done =>
        {
            _busy = false;
            if (done.Error is { } error) _log.Warning(error, "Webhook delivery round failed; retrying at the next poll");
            if (_again || done.Full) Round();
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(WebhookStore store, AlertSettings settings, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new WebhookDispatcher(store, settings, clock));

    protected override void PreStart() => Timers.StartPeriodicTimer("poll", Kick.Instance, TimeSpan.Zero, _settings.PollEvery);

    protected override void PostStop() => _http.Dispose();

    private void Round()
    {
        if (_busy)
        {
            _again = true;
            return;
        }
        _busy = true;
        _again = false;
        RunAsync().PipeTo(Self);
    }

    private async Task<RoundDone> RunAsync()
    {
        try
        {
            var due = await _store.DueAsync(_clock.GetUtcNow(), _settings.DeliveriesPerRound, CancellationToken.None);
            await Task.WhenAll(due.Select(DeliverAsync));
            return new RoundDone(due.Count == _settings.DeliveriesPerRound, null);
        }
        catch (Exception e)
        {
            return new RoundDone(false, e);
        }
    }

    private async Task DeliverAsync(PendingDelivery delivery)
    {
        var body = Encoding.UTF8.GetBytes(delivery.Body);
        var timestamp = _clock.GetUtcNow().ToUnixTimeSeconds();
        int? status = null;
        string error;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.Add(WebhookSignature.DeliveryHeader, delivery.DeliveryId);
            request.Headers.Add(WebhookSignature.EventHeader, delivery.Event);
            request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(delivery.Secret, timestamp, body));
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                await _store.DeliveredAsync(delivery.DeliveryId, status.Value, _clock.GetUtcNow(), CancellationToken.None);
                _log.Info("Webhook {WebhookId} took delivery {DeliveryId} ({Event}) after {Attempts} attempts", delivery.WebhookId, delivery.DeliveryId, delivery.Event, delivery.Attempts + 1);
                return;
            }
            error = $"HTTP {status}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException)
        {
            error = e is HttpRequestException ? e.Message : "no answer in time";
        }
        var delay = _settings.RetryDelay(delivery.Attempts + 1, Random.Shared.NextDouble());
        await _store.FailedAsync(delivery.DeliveryId, status, error, _clock.GetUtcNow() + delay, CancellationToken.None);
        _log.Warning("Webhook {WebhookId} did not take delivery {DeliveryId} (attempt {Attempt}: {Error}); next attempt in {Delay}",
            delivery.WebhookId, delivery.DeliveryId, delivery.Attempts + 1, error, delay);
    }

    /// <summary>Deliver what is due now (the poll timer, or the alert book after it queued deliveries).</summary>
    public sealed class Kick
    {
        public static readonly Kick Instance = new();
    }

    private sealed record RoundDone(bool Full, Exception? Error);
}
