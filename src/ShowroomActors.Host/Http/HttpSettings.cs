using Akka.Configuration;
using ShowroomActors.Actors.Configuration;

namespace ShowroomActors.Host.Http;

/// <summary>
/// The <c>showroom.http</c> block of hocon/showroom.conf: the rate limits per client address, and how long journal
/// writes may keep failing before the node stops reporting ready. Bad values fail start-up.
/// </summary>
public sealed record HttpSettings(WindowLimit AnonymousOrders, WindowLimit FailedKeys, TimeSpan JournalFailingAfter)
{
    public static HttpSettings From(Config config)
    {
        var c = config.GetConfig("showroom.http") ?? Config.Empty;
        var settings = new HttpSettings(
            Window(c, "anonymous-orders", new WindowLimit(30, TimeSpan.FromMinutes(1))),
            Window(c, "failed-keys", new WindowLimit(10, TimeSpan.FromMinutes(1))),
            c.GetTimeSpan("journal-failing-after", TimeSpan.FromSeconds(5)));
        return settings.JournalFailingAfter > TimeSpan.Zero
            ? settings
            : throw new SettingsException("showroom.http.journal-failing-after must be positive.");
    }

    private static WindowLimit Window(Config c, string name, WindowLimit defaults)
    {
        var limit = new WindowLimit(c.GetInt($"{name}.permit-limit", defaults.PermitLimit), c.GetTimeSpan($"{name}.window", defaults.Window));
        return limit.PermitLimit > 0 && limit.Window > TimeSpan.Zero
            ? limit
            : throw new SettingsException($"showroom.http.{name}: permit-limit and window must be positive.");
    }
}

/// <summary>At most <see cref="PermitLimit"/> requests per <see cref="Window"/> (sliding) per client address.</summary>
public sealed record WindowLimit(int PermitLimit, TimeSpan Window);
