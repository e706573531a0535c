using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using NsmDashboard.Web.Security;

namespace NsmDashboard.Web.Operations;

/// <summary>
/// The per-user rate limits (<see cref="RateLimitOptions"/>) for operations from the dashboard's circuits, which do
/// not pass through the HTTP rate limiter that guards the API routes. Fixed one-minute windows per user and kind.
/// </summary>
public sealed class NsmOperationRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _mutations;
    private readonly PartitionedRateLimiter<string> _attestations;
    private readonly RateLimitOptions _options;

    /// <summary>Creates the limiter with the configured limits.</summary>
    public NsmOperationRateLimiter(IOptions<RateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _mutations = Create(_options.MutationsPerMinute);
        _attestations = Create(_options.AttestationsPerMinute);
    }

    /// <summary>
    /// Takes one permit for a dashboard caller's operation; returns why it is refused, or null. API callers are
    /// limited per route by the HTTP rate limiter and pass here untouched.
    /// </summary>
    public string? TryAcquire(NsmCaller caller, NsmOperationKind operation)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Channel != NsmCaller.DashboardChannel)
        {
            return null;
        }

        var attestation = operation == NsmOperationKind.Attestation;
        using var lease = (attestation ? _attestations : _mutations).AttemptAcquire(caller.User ?? caller.Id);
        if (lease.IsAcquired)
        {
            return null;
        }

        var limit = attestation ? _options.AttestationsPerMinute : _options.MutationsPerMinute;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Rate limit: at most {limit} {(attestation ? "attestation requests" : "extends and locks")} per minute per user; try again in a minute.");
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _mutations.Dispose();
        _attestations.Dispose();
    }

    private static PartitionedRateLimiter<string> Create(int permitsPerMinute) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permitsPerMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));
}
