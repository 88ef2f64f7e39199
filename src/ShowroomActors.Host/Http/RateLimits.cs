using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace ShowroomActors.Host.Http;

/// <summary>
/// ASP.NET's rate limiter, per client address: <see cref="AnonymousOrders"/> limits order placements without an
/// operator key (an operator's own orders are not limited), and every request that presents an unknown bearer key
/// counts against that address's failed-key budget (<see cref="FailedKeys"/>, which the console's sign-in form shares),
/// so guessing keys slows to a trickle. Over a limit: 429 with <c>Retry-After</c> and problem details.
/// </summary>
public static class RateLimits
{
    public const string AnonymousOrders = "anonymous-orders";

    public static IServiceCollection AddShowroomRateLimits(this IServiceCollection services, HttpSettings settings)
    {
        var failedKeys = new FailedKeys(settings.FailedKeys);
        services.AddSingleton(failedKeys);
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(AnonymousOrders, http => http.User.IsInRole(ShowroomAuth.OperatorRole)
                ? RateLimitPartition.GetNoLimiter("operator")
                : RateLimitPartition.GetSlidingWindowLimiter(ClientAddress(http), _ => Sliding(settings.AnonymousOrders)));
            options.GlobalLimiter = failedKeys.Limiter.WithTranslatedKey<HttpContext>(
                http => PresentsUnknownKey(http) ? ClientAddress(http) : FailedKeys.NotCounted, leaveOpen: true);
            options.OnRejected = async (context, cancel) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : settings.FailedKeys.Window;
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var keyFailures = PresentsUnknownKey(context.HttpContext);
                await Problems.Of(StatusCodes.Status429TooManyRequests, "Too many requests",
                        keyFailures
                            ? $"Too many requests with an unknown key from this address; retry in {seconds} s."
                            : $"Too many orders without an account key from this address; retry in {seconds} s.",
                        keyFailures ? "Authorization" : null)
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    /// <summary>The request carries a bearer key the host does not know (authentication ran before the limiter).</summary>
    private static bool PresentsUnknownKey(HttpContext http) =>
        http.Request.Headers.Authorization.Count > 0 && http.User.Identity?.IsAuthenticated != true;

    public static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    internal static SlidingWindowRateLimiterOptions Sliding(WindowLimit limit) => new()
    {
        PermitLimit = limit.PermitLimit,
        Window = limit.Window,
        SegmentsPerWindow = 6,
        QueueLimit = 0,
    };
}

/// <summary>
/// The failed-key budget of each client address: a bearer request with an unknown key and a console sign-in with a
/// wrong key each take one permit; an address without permits left is answered 429 until its window moves on.
/// </summary>
public sealed class FailedKeys(WindowLimit limit)
{
    /// <summary>The partition of requests that present no unknown key: never limited.</summary>
    public const string NotCounted = "";

    public WindowLimit Limit => limit;

    /// <summary>One sliding window per client address (partition key); <see cref="NotCounted"/> is not limited.</summary>
    public PartitionedRateLimiter<string> Limiter { get; } = PartitionedRateLimiter.Create<string, string>(address => address == NotCounted
        ? RateLimitPartition.GetNoLimiter(NotCounted)
        : RateLimitPartition.GetSlidingWindowLimiter(address, _ => RateLimits.Sliding(limit)));

    /// <summary>
    /// Counts one failed key from <paramref name="address"/>: true while the address was within its budget, false
    /// when it had none left (answer 429; <paramref name="retryAfter"/> says for how long).
    /// </summary>
    public bool TryCountFailure(string address, out TimeSpan retryAfter)
    {
        using var lease = Limiter.AttemptAcquire(address);
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limit.Window;
        return lease.IsAcquired;
    }
}
