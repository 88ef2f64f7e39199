using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace ShowroomActors.Host.Http;

/// <summary>
/// ASP.NET's rate limiter, per client address: <see cref="AnonymousOrders"/> limits order placements without an
/// operator key (an operator's own orders are not limited), and every request that presents an unknown bearer key
/// counts against that address's failed-key budget, so guessing keys slows to a trickle. Over a limit: 429 with
/// <c>Retry-After</c> and problem details.
/// </summary>
public static class RateLimits
{
    public const string AnonymousOrders = "anonymous-orders";

    public static IServiceCollection AddShowroomRateLimits(this IServiceCollection services, HttpSettings settings)
    {
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(AnonymousOrders, http => http.User.IsInRole(ShowroomAuth.OperatorRole)
                ? RateLimitPartition.GetNoLimiter("operator")
                : RateLimitPartition.GetSlidingWindowLimiter(ClientAddress(http), _ => Sliding(settings.AnonymousOrders)));
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => PresentsUnknownKey(http)
                ? RateLimitPartition.GetSlidingWindowLimiter("failed-key " + ClientAddress(http), _ => Sliding(settings.FailedKeys))
                : RateLimitPartition.GetNoLimiter(""));
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

    private static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static SlidingWindowRateLimiterOptions Sliding(WindowLimit limit) => new()
    {
        PermitLimit = limit.PermitLimit,
        Window = limit.Window,
        SegmentsPerWindow = 6,
        QueueLimit = 0,
    };
}
