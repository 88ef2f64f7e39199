using Akka.Configuration;

namespace ShowroomActors.Actors.Alerts;

/// <summary>
/// The <c>showroom.alerts</c> block of hocon/showroom.conf: how webhook deliveries are retried. A failed delivery
/// waits <c>retry-base</c> x 2^(attempts-1), at most <c>retry-cap</c>, each wait spread by ±<c>retry-jitter</c> (a
/// fraction) so many receivers coming back do not get every retry at the same moment.
/// </summary>
public sealed record AlertSettings(TimeSpan PollEvery, TimeSpan RetryBase, TimeSpan RetryCap, double RetryJitter, TimeSpan DeliveryTimeout, int DeliveriesPerRound)
{
    public static readonly AlertSettings Default = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5), 0.2, TimeSpan.FromSeconds(10), 20);

    public static AlertSettings From(Config config)
    {
        var d = Default;
        var c = config.GetConfig("showroom.alerts.webhooks") ?? Config.Empty;
        return new AlertSettings(
            c.GetTimeSpan("poll-every", d.PollEvery),
            c.GetTimeSpan("retry-base", d.RetryBase),
            c.GetTimeSpan("retry-cap", d.RetryCap),
            c.GetDouble("retry-jitter", d.RetryJitter),
            c.GetTimeSpan("delivery-timeout", d.DeliveryTimeout),
            c.GetInt("deliveries-per-round", d.DeliveriesPerRound));
    }

    /// <summary>The wait before attempt <paramref name="attempts"/>+1 after <paramref name="attempts"/> failed ones; <paramref name="random"/> in [0, 1).</summary>
    public TimeSpan RetryDelay(int attempts, double random)
    {
        var exponent = Math.Min(Math.Max(attempts - 1, 0), 30);
        var plain = Math.Min(RetryBase.TotalMilliseconds * Math.Pow(2, exponent), RetryCap.TotalMilliseconds);
        var spread = 1 + RetryJitter * (2 * random - 1);
        return TimeSpan.FromMilliseconds(Math.Max(0, plain * spread));
    }
}
