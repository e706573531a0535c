using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using NsmDashboard.Web.Features.Attestation;
using NsmDashboard.Web.Hosting.Api;
using NsmDashboard.Web.Security.Authentication;

namespace NsmDashboard.Web.Security;

/// <summary>
/// The named rate-limit policies (ASP.NET Core's rate limiter, fixed one-minute windows): attach one to a route with
/// <c>.RequireRateLimiting(RateLimitPolicies.Mutations)</c>. The limiter runs after authentication and before
/// authorization, so an anonymous flood is turned away (429) before anything records it.
/// </summary>
public static class RateLimitPolicies
{
    /// <summary>Extend and lock routes.</summary>
    public const string Mutations = "nsm-mutations";

    /// <summary>Attestation routes (each one signs a document with the NSM).</summary>
    public const string Attestation = "nsm-attestation";

    /// <summary>The login form (per client address; its posts only).</summary>
    public const string Login = "nsm-login";

    /// <summary><c>GET /api/attestation/tls</c>: per client address, signed in or not; a global cap applies too.</summary>
    public const string TlsAttestation = "nsm-tls-attestation";

    /// <summary>
    /// The bucket of requests that carry no client address (a vsock connection without a PROXY header, an in-memory
    /// test server): one bucket for all of them, never a fresh one per connection, which would be no limit at all.
    /// </summary>
    public const string UnknownAddress = "unknown";

    /// <summary>Registers the policies with the limits from <see cref="RateLimitOptions"/>.</summary>
    internal static IServiceCollection AddNsmRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Mutations, context => Window(context, PartitionByUser(context), o => o.MutationsPerMinute));
            limiter.AddPolicy(Attestation, context => Window(context, PartitionByUser(context), o => o.AttestationsPerMinute));
            limiter.AddPolicy(Login, context => HttpMethods.IsPost(context.Request.Method)
                ? Window(context, "ip:" + ClientAddress(context), o => o.LoginsPerMinute)
                : RateLimitPartition.GetNoLimiter("login-page"));
            limiter.AddPolicy(TlsAttestation, context => Window(context, "ip:" + ClientAddress(context), o => o.TlsAttestationsPerAddressPerMinute));

            // Runs before the route's own policy: the one cap that no choice of address escapes.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == TlsAttestationEndpoints.EndpointName
                    ? Window(context, "tls-attestation-all", o => o.TlsAttestationsPerMinute)
                    : RateLimitPartition.GetNoLimiter(string.Empty));
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

    /// <summary>The client's address as rate limits see it: the remote IP (the browser's, through nsm-proxy), or <see cref="UnknownAddress"/>.</summary>
    public static string ClientAddress(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Connection.RemoteIpAddress?.ToString() ?? UnknownAddress;
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
}
