using Akka.Configuration;

namespace ShowroomActors.Actors.Orders;

/// <summary>The <c>showroom.orders.sweeper</c> HOCON section (hocon/showroom.conf): how unfinished orders are woken.</summary>
public sealed record OrderSweeperSettings(
    TimeSpan Grace,
    TimeSpan SweepEvery,
    TimeSpan WakeAgainAfter,
    int BatchSize,
    TimeSpan BatchWindow,
    TimeSpan RestartMinBackoff,
    TimeSpan RestartMaxBackoff)
{
    public static readonly OrderSweeperSettings Default = new(
        TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 500, TimeSpan.FromMilliseconds(100),
        TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));

    /// <summary>Most orders woken per sweep; the rest wait for the next one.</summary>
    public const int MaxWakePerSweep = 1000;

    public static OrderSweeperSettings From(Config config)
    {
        var section = config.GetConfig("showroom.orders.sweeper");
        if (section is null || section.IsEmpty) return Default;
        var settings = new OrderSweeperSettings(
            section.GetTimeSpan("grace", Default.Grace),
            section.GetTimeSpan("sweep-every", Default.SweepEvery),
            section.GetTimeSpan("wake-again-after", Default.WakeAgainAfter),
            section.GetInt("batch-size", Default.BatchSize),
            section.GetTimeSpan("batch-window", Default.BatchWindow),
            section.GetTimeSpan("restart-min-backoff", Default.RestartMinBackoff),
            section.GetTimeSpan("restart-max-backoff", Default.RestartMaxBackoff));
        if (settings.Grace <= TimeSpan.Zero || settings.SweepEvery <= TimeSpan.Zero || settings.WakeAgainAfter <= TimeSpan.Zero
            || settings.BatchSize <= 0 || settings.BatchWindow <= TimeSpan.Zero || settings.RestartMinBackoff <= TimeSpan.Zero
            || settings.RestartMaxBackoff < settings.RestartMinBackoff)
            throw new ConfigurationException("showroom.orders.sweeper: durations and batch-size must be positive.");
        return settings;
    }
}
