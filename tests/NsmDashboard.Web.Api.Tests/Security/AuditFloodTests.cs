using System.Net;
using System.Text.Json;
using NsmDashboard.Web.Api.Tests.Infrastructure;

namespace NsmDashboard.Web.Api.Tests.Security;

/// <summary>
/// Nobody who is refused can erase the record of what was done: denied attempts are rate-limited before they are
/// recorded, recorded as counted summaries, and kept apart from the operations.
/// </summary>
public sealed class AuditFloodTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ten_thousand_and_fifty_anonymous_POSTs_leave_an_operators_lock_record_in_the_trail()
    {
        // Arrange: no rate limit in the way (the factory's are generous), so every refusal reaches the audit trail,
        // whose default capacity (10 000) the flood exceeds.
        await using var api = new ApiFactory();
        using var @operator = api.CreateClient();
        using var anonymous = api.CreateAnonymousClient();
        await ApiAssert.OkAsync(await @operator.PostJsonAsync("/api/pcrs/16/lock", new { }));

        // Act
        const int Flood = 10_050;
        for (var i = 0; i < Flood; i++)
        {
            var refused = await anonymous.PostAsync("/api/pcrs/17/lock", content: null, Ct);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        // Assert: the lock is still there; the flood is one entry that counts it.
        var audit = await ApiAssert.OkAsync(await @operator.GetAsync("/api/audit", Ct));
        var entries = audit.GetProperty("entries").EnumerateArray().ToArray();
        var lockRecord = Assert.Single(entries, e => e.GetProperty("outcome").GetString() == "Succeeded");
        Assert.Equal("LockPcr", lockRecord.GetProperty("operation").GetString());
        Assert.Equal(16, lockRecord.GetProperty("argument").GetInt32());
        Assert.Equal(TestIdentities.OperatorTokenName, lockRecord.GetProperty("user").GetString());
        var denied = Assert.Single(entries, e => e.GetProperty("outcome").GetString() == "Denied");
        Assert.Equal(Flood, denied.GetProperty("count").GetInt64());
        Assert.Equal(JsonValueKind.Null, denied.GetProperty("user").ValueKind);
        Assert.Equal(0, audit.GetProperty("dropped").GetInt64());
    }

    [Fact]
    public async Task Anonymous_attempts_beyond_the_rate_limit_are_refused_with_429_before_anything_records_them()
    {
        // Arrange: the production default for anonymous mutation attempts (per address; here every request shares
        // the bucket of requests without an address).
        await using var api = new ApiFactory().WithSetting("RateLimits:MutationsPerMinute", "60");
        using var @operator = api.CreateClient();
        using var anonymous = api.CreateAnonymousClient();

        // Act
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 100; i++)
        {
            statuses.Add((await anonymous.PostAsync("/api/pcrs/17/lock", content: null, Ct)).StatusCode);
        }

        // Assert
        Assert.Equal(60, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(40, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        var entries = (await ApiAssert.OkAsync(await @operator.GetAsync("/api/audit", Ct))).GetProperty("entries").EnumerateArray().ToArray();
        Assert.Equal(60, Assert.Single(entries).GetProperty("count").GetInt64());
    }
}
