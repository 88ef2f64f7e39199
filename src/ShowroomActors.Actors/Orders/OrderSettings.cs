using Akka.Configuration;
using ShowroomActors.Actors.Configuration;
using ShowroomActors.Domain.Buyers;
using ShowroomActors.Domain.Common;
using ShowroomActors.Domain.Orders;

namespace ShowroomActors.Actors.Orders;

/// <summary>
/// The <c>showroom.orders</c> HOCON section (hocon/showroom.conf): how long reservations hold and how large one order may
/// be (<see cref="Policy"/>), the process's timing, and <see cref="CreditAt"/>: when a paid order counts for its buyer's
/// quota (<c>showroom.quotas.credit-at</c>, read by <see cref="Buyers.QuotaSettings"/>). Bad values fail start-up.
/// </summary>
public sealed record OrderSettings(OrderPolicy Policy, TimeSpan ProcessTick, TimeSpan RetryAfter, TimeSpan PassivateQuietAfter)
{
    public static readonly OrderSettings Default = new(
        new OrderPolicy(TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(10),
            new OrderLimits(100, new Fen(1_000_000)), new OrderLimits(2_000, new Fen(100_000_000))),
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(2));

    public CreditMoment CreditAt { get; init; } = CreditMoment.Payment;

    public static OrderSettings From(Config config)
    {
        var section = config.GetConfig("showroom.orders");
        if (section is null || section.IsEmpty) return Default;
        var d = Default.Policy;
        var policy = new OrderPolicy(
            section.GetTimeSpan("reservation-timeout", d.Hold),
            section.GetTimeSpan("anonymous-qr-reservation-timeout", d.AnonymousQrHold),
            Limits(section, "limits.anonymous", d.Anonymous),
            Limits(section, "limits.account", d.Account));
        var settings = new OrderSettings(policy,
            section.GetTimeSpan("process-tick", Default.ProcessTick),
            section.GetTimeSpan("retry-after", Default.RetryAfter),
            section.GetTimeSpan("passivate-quiet-after", Default.PassivateQuietAfter));
        if (policy.Hold <= TimeSpan.Zero || policy.AnonymousQrHold <= TimeSpan.Zero || settings.ProcessTick <= TimeSpan.Zero
            || settings.RetryAfter <= TimeSpan.Zero || settings.PassivateQuietAfter <= TimeSpan.Zero)
            throw new SettingsException("showroom.orders durations must be positive.");
        return settings;
    }

    private static OrderLimits Limits(Config section, string path, OrderLimits defaults)
    {
        var limits = new OrderLimits(section.GetLong($"{path}.max-units", defaults.MaxUnits), new Fen(section.GetLong($"{path}.max-value-fen", defaults.MaxValue.Value)));
        return limits.MaxUnits > 0 && limits.MaxValue.Value > 0
            ? limits
            : throw new SettingsException($"showroom.orders.{path}: max-units and max-value-fen must be positive.");
    }
}
