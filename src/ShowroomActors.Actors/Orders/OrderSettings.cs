using Akka.Configuration;
using ShowroomActors.Domain.Buyers;

namespace ShowroomActors.Actors.Orders;

/// <summary>
/// The <c>showroom.orders</c> HOCON section (hocon/showroom.conf), and <see cref="CreditAt"/>: when a paid order counts
/// for its buyer's quota (<c>showroom.quotas.credit-at</c>, read by <see cref="Buyers.QuotaSettings"/>).
/// </summary>
public sealed record OrderSettings(TimeSpan ReservationTimeout, TimeSpan ProcessTick, TimeSpan RetryAfter, TimeSpan PassivateQuietAfter)
{
    public static readonly OrderSettings Default = new(TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(2));

    public CreditMoment CreditAt { get; init; } = CreditMoment.Payment;

    public static OrderSettings From(Config config)
    {
        var section = config.GetConfig("showroom.orders");
        if (section is null || section.IsEmpty) return Default;
        var settings = new OrderSettings(
            section.GetTimeSpan("reservation-timeout", Default.ReservationTimeout),
            section.GetTimeSpan("process-tick", Default.ProcessTick),
            section.GetTimeSpan("retry-after", Default.RetryAfter),
            section.GetTimeSpan("passivate-quiet-after", Default.PassivateQuietAfter));
        if (settings.ReservationTimeout <= TimeSpan.Zero || settings.ProcessTick <= TimeSpan.Zero || settings.RetryAfter <= TimeSpan.Zero
            || settings.PassivateQuietAfter <= TimeSpan.Zero)
            throw new ConfigurationException("showroom.orders durations must be positive.");
        return settings;
    }
}
