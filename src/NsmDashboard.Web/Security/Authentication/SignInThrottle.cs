using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace NsmDashboard.Web.Security.Authentication;

/// <summary>What <see cref="SignInThrottle.CheckPasswordAsync"/> decided.</summary>
public enum SignInThrottleOutcome
{
    /// <summary>The password was checked; the result says whether it matched.</summary>
    Checked,

    /// <summary>Too many attempts at this user name this minute: nothing was checked (429).</summary>
    TooManyForUserName,

    /// <summary>Too many password checks running and waiting: nothing was checked (503).</summary>
    Busy,
}

/// <summary>The outcome of one throttled password check.</summary>
/// <param name="Outcome">Checked, or why not.</param>
/// <param name="Principal">The signed-in principal when checked and matching.</param>
/// <param name="RetryAfter">When refused: how long to wait.</param>
public sealed record SignInCheck(SignInThrottleOutcome Outcome, System.Security.Claims.ClaimsPrincipal? Principal, TimeSpan RetryAfter)
{
    /// <summary><see cref="RetryAfter"/> in whole seconds, for the header.</summary>
    public string RetryAfterSeconds => ((int)Math.Ceiling(RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// The two limits on password sign-ins that do not depend on the client's address (which the parent instance can
/// choose, through the PROXY header, for every connection): attempts per user name per minute
/// (<see cref="RateLimitOptions.LoginsPerUserNamePerMinute"/>), and how many 600 000-iteration PBKDF2 checks run and
/// wait at once (<see cref="RateLimitOptions.ConcurrentPasswordChecks"/>, <see cref="RateLimitOptions.QueuedPasswordChecks"/>),
/// so that a flood of guesses cannot take both of the enclave's vCPUs. The per-address limit runs before the form is
/// read (<see cref="RateLimitPolicies.Login"/>).
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    /// <summary>How many buckets user names are counted in.</summary>
    public const int UserNameBuckets = 4096;

    private static readonly TimeSpan BusyRetryAfter = TimeSpan.FromSeconds(5);

    private readonly PartitionedRateLimiter<int> _perUserName;
    private readonly ConcurrencyLimiter _checks;
    private long _refusedForUserName;
    private long _refusedBusy;

    /// <summary>Creates the limiters from the configured numbers.</summary>
    public SignInThrottle(IOptions<RateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value;
        int perName = Math.Max(1, limits.LoginsPerUserNamePerMinute);
        _perUserName = PartitionedRateLimiter.Create<int, int>(bucket => RateLimitPartition.GetFixedWindowLimiter(bucket, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perName,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));
        _checks = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Math.Max(1, limits.ConcurrentPasswordChecks),
            QueueLimit = Math.Max(0, limits.QueuedPasswordChecks),
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Sign-ins refused because their user name had used up its attempts.</summary>
    public long RefusedForUserName => Interlocked.Read(ref _refusedForUserName);

    /// <summary>Sign-ins refused because too many password checks were running and waiting.</summary>
    public long RefusedBusy => Interlocked.Read(ref _refusedBusy);

    /// <summary>
    /// The bucket a user name is counted in: SHA-256 of the trimmed, lower-cased name, modulo <see cref="UserNameBuckets"/>.
    /// Known and unknown names alike, so the counting says nothing about which names exist.
    /// </summary>
    public static int BucketOf(string? userName)
    {
        var normalized = (userName ?? string.Empty).Trim().ToLowerInvariant();
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(normalized), digest);
        return BinaryPrimitives.ReadUInt16BigEndian(digest) % UserNameBuckets;
    }

    /// <summary>
    /// Counts an attempt at <paramref name="userName"/>, then runs <paramref name="check"/> (the PBKDF2 verification)
    /// once a check slot is free; or refuses at once, checking nothing.
    /// </summary>
    public async Task<SignInCheck> CheckPasswordAsync(string? userName, Func<System.Security.Claims.ClaimsPrincipal?> check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        using var attempt = _perUserName.AttemptAcquire(BucketOf(userName));
        if (!attempt.IsAcquired)
        {
            Interlocked.Increment(ref _refusedForUserName);
            return new SignInCheck(SignInThrottleOutcome.TooManyForUserName, null, RetryAfter(attempt, TimeSpan.FromMinutes(1)));
        }

        using var slot = await _checks.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!slot.IsAcquired)
        {
            Interlocked.Increment(ref _refusedBusy);
            return new SignInCheck(SignInThrottleOutcome.Busy, null, BusyRetryAfter);
        }

        return new SignInCheck(SignInThrottleOutcome.Checked, check(), TimeSpan.Zero);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _perUserName.Dispose();
        _checks.Dispose();
    }

    private static TimeSpan RetryAfter(RateLimitLease lease, TimeSpan fallback) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : fallback;
}
