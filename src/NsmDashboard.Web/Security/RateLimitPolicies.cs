using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using NsmDashboard.Web.Hosting.Api;
using NsmDashboard.Web.Security.Authentication;

namespace NsmDashboard.Web.Security;

/// <summary>
/// The named rate-limit policies (ASP.NET Core's rate limiter, fixed one-minute windows): attach one to a route with
/// <c>.RequireRateLimiting(RateLimitPolicies.Mutations)</c>.
/// </summary>
public static class RateLimitPolicies
{
    /// <summary>Extend and lock routes.</summary>
    public const string Mutations = "nsm-mutations";

    /// <summary>Attestation routes (each one signs a document with the NSM).</summary>
    public const string Attestation = "nsm-attestation";

    /// <summary>The login form (per client address).</summary>
    public const string Login = "nsm-login";

    /// <summary>Registers the policies with the limits from <see cref="RateLimitOptions"/>.</summary>
    internal static IServiceCollection AddNsmRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Mutations, context => Window(context, PartitionByUser(context), o => o.MutationsPerMinute));
            limiter.AddPolicy(Attestation, context => Window(context, PartitionByUser(context), o => o.AttestationsPerMinute));
            limiter.AddPolicy(Login, context => Window(context, "ip:" + ClientAddress(context), o => o.LoginsPerMinute));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var context = rejected.HttpContext;
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? (int)Math.Ceiling(retryAfter.TotalSeconds)
                    : 60;
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(ApiProblems.TooManyRequests(seconds)).ExecuteAsync(context);
            };
        });
        return services;
    }

    private static RateLimitPartition<string> Window(HttpContext context, string key, Func<RateLimitOptions, int> permits)
    {
        var limit = Math.Max(1, permits(context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value));
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    private static string PartitionByUser(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { } name } && name != DashboardIdentities.AnonymousViewerName
            ? "user:" + name
            : "ip:" + ClientAddress(context);

    private static string ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? "connection:" + context.Connection.Id;
}
