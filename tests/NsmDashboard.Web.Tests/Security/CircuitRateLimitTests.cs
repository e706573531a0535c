using NsmDashboard.Web.Features.Audit;
using NsmDashboard.Web.Operations;
using NsmDashboard.Web.Security;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Security;

/// <summary>Operations from circuits are rate-limited per user inside NsmOperations (the API's are limited per route).</summary>
public sealed class CircuitRateLimitTests : NsmDashboardTestContext
{
    public CircuitRateLimitTests() =>
        Services.Configure<RateLimitOptions>(options => options.MutationsPerMinute = 2);

    [Fact]
    public async Task A_user_over_the_limit_is_denied_and_audited_and_another_user_is_not_affected()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var session = Services.GetRequiredService<DashboardSession>();

        // Act
        await Operations.ExtendPcrAsync(16, new byte[] { 1 }, session.Caller, ct);
        await Operations.LockPcrAsync(17, session.Caller, ct);
        var error = await Assert.ThrowsAsync<NsmAccessDeniedException>(() => Operations.ExtendPcrAsync(18, new byte[] { 1 }, session.Caller, ct));
        await Operations.ExtendPcrAsync(18, new byte[] { 1 }, OtherOperator, ct);

        // Assert
        Assert.Contains("at most 2 extends and locks per minute", error.Message, StringComparison.Ordinal);
        var entries = Services.GetRequiredService<AuditTrail>().Query(new AuditQuery(User: CircuitUser)).Entries;
        Assert.Equal(["Succeeded", "Succeeded", "Denied"], entries.Select(e => e.Outcome));
        Assert.False((await ReadPcrAsync(18)).IsZero);
    }

    [Fact]
    public async Task API_callers_are_left_to_the_route_limits()
    {
        var ct = TestContext.Current.CancellationToken;
        var api = NsmCaller.Api("10.0.0.9") with { User = "script", Role = NsmRoles.Operator };

        for (var i = 0; i < 3; i++)
        {
            await Operations.ExtendPcrAsync(16, new byte[] { 1 }, api, ct);
        }

        Assert.Equal(3, Services.GetRequiredService<AuditTrail>().Query(new AuditQuery(User: "script")).Entries.Count);
    }
}

/// <summary>The dashboard's own requests (the TLS binding document) pass as an Operator and are audited.</summary>
public sealed class ServerCallerTests : NsmDashboardTestContext
{
    [Fact]
    public async Task The_server_caller_may_attest_over_a_public_key_and_is_recorded_as_the_dashboard()
    {
        // Arrange: no user is signed in to the circuit; the server acts on its own account.
        SignOut();
        var request = new Nsm.Protocol.AttestationRequest(PublicKey: new byte[] { 1, 2, 3 }, UserData: new byte[] { 4 });

        // Act
        var document = await Operations.GetAttestationDocumentAsync(request, NsmCaller.Server("tls-binding"), TestContext.Current.CancellationToken);

        // Assert
        Assert.False(document.IsEmpty);
        var entry = Assert.Single(Services.GetRequiredService<AuditTrail>().Query(new AuditQuery()).Entries);
        Assert.Equal(("dashboard", "Operator", "server", "tls-binding", "Succeeded"), (entry.User, entry.Role, entry.Channel, entry.Session, entry.Outcome));
    }
}
