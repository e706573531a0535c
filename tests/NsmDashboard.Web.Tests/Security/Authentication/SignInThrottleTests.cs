using System.Security.Claims;
using Microsoft.Extensions.Options;
using NsmDashboard.Web.Security;
using NsmDashboard.Web.Security.Authentication;

namespace NsmDashboard.Web.Tests.Security.Authentication;

/// <summary>The limits on password sign-ins that hold whatever address a client claims.</summary>
public sealed class SignInThrottleTests
{
    private static readonly ClaimsPrincipal Nobody = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_user_name_gets_its_attempts_a_minute_and_then_a_retry_after()
    {
        // Arrange
        using var throttle = Create(perName: 2);
        var checks = 0;

        // Act
        var first = await throttle.CheckPasswordAsync("alice", Count, Ct);
        var second = await throttle.CheckPasswordAsync("ALICE ", Count, Ct);
        var third = await throttle.CheckPasswordAsync(" Alice", Count, Ct);
        var other = await throttle.CheckPasswordAsync("bob", Count, Ct);

        // Assert: the third attempt at alice is refused without a password check; bob has his own count.
        Assert.Equal(SignInThrottleOutcome.Checked, first.Outcome);
        Assert.Equal(SignInThrottleOutcome.Checked, second.Outcome);
        Assert.Equal(SignInThrottleOutcome.TooManyForUserName, third.Outcome);
        Assert.InRange(third.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Equal(SignInThrottleOutcome.Checked, other.Outcome);
        Assert.Equal(3, checks);
        Assert.Equal(1, throttle.RefusedForUserName);

        ClaimsPrincipal? Count()
        {
            checks++;
            return null;
        }
    }

    [Fact]
    public async Task Beyond_the_running_and_queued_checks_a_sign_in_is_refused_at_once_without_checking()
    {
        // Arrange: one check at a time, one waiting.
        using var throttle = Create(perName: 100, concurrent: 1, queued: 1);
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();

        // Act: the first check holds the only slot; the second waits; the third finds both taken.
        var running = Task.Run(() => throttle.CheckPasswordAsync("a", () =>
        {
            started.SetResult();
            release.Task.Wait(Ct);
            return Nobody;
        }, Ct), Ct);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var queued = throttle.CheckPasswordAsync("b", () => Nobody, Ct);
        var refused = await throttle.CheckPasswordAsync("c", () => throw new InvalidOperationException("must not be checked"), Ct);
        release.SetResult();

        // Assert
        Assert.Equal(SignInThrottleOutcome.Busy, refused.Outcome);
        Assert.Equal("5", refused.RetryAfterSeconds);
        Assert.Equal(SignInThrottleOutcome.Checked, (await running.WaitAsync(TimeSpan.FromSeconds(10), Ct)).Outcome);
        Assert.Equal(SignInThrottleOutcome.Checked, (await queued.WaitAsync(TimeSpan.FromSeconds(10), Ct)).Outcome);
        Assert.Equal(1, throttle.RefusedBusy);
    }

    [Theory]
    [InlineData("alice", "ALICE")]
    [InlineData(" alice ", "alice")]
    [InlineData(null, "")]
    public void Names_are_counted_trimmed_and_without_case(string? a, string b) =>
        Assert.Equal(SignInThrottle.BucketOf(a), SignInThrottle.BucketOf(b));

    [Fact]
    public void Buckets_stay_within_the_fixed_number_whatever_the_names()
    {
        var buckets = Enumerable.Range(0, 20_000).Select(i => SignInThrottle.BucketOf($"invented-{i}")).ToHashSet();
        Assert.All(buckets, b => Assert.InRange(b, 0, SignInThrottle.UserNameBuckets - 1));
        Assert.True(buckets.Count > SignInThrottle.UserNameBuckets / 2, "names spread over the buckets");
    }

    private static SignInThrottle Create(int perName, int concurrent = 1, int queued = 8) =>
        new(Options.Create(new RateLimitOptions { LoginsPerUserNamePerMinute = perName, ConcurrentPasswordChecks = concurrent, QueuedPasswordChecks = queued }));
}
