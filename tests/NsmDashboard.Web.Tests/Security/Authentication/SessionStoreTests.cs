using System.Security.Claims;
using Microsoft.Extensions.Options;
using NsmDashboard.Web.Security.Authentication;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Security.Authentication;

/// <summary>The server's record of browser sessions, and the tab check that reads it.</summary>
public sealed class SessionStoreTests
{
    private readonly ManualClock _clock = new();
    private readonly SessionStore _sessions;

    public SessionStoreTests() =>
        _sessions = new SessionStore(Options.Create(new AuthOptions { SessionIdleTimeout = TimeSpan.FromMinutes(10) }), _clock);

    [Fact]
    public void A_session_is_active_until_it_ends()
    {
        var id = _sessions.Start("alice");
        Assert.True(_sessions.IsActive(id));
        Assert.True(_sessions.End(id));
        Assert.False(_sessions.IsActive(id));
        Assert.False(_sessions.Touch(id));
        Assert.False(_sessions.End(id));
    }

    [Fact]
    public void Activity_keeps_a_session_and_idleness_ends_it()
    {
        var id = _sessions.Start("alice");
        _clock.Advance(TimeSpan.FromMinutes(9));
        Assert.True(_sessions.Touch(id));
        _clock.Advance(TimeSpan.FromMinutes(9));
        Assert.True(_sessions.IsActive(id));
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.False(_sessions.IsActive(id));
        Assert.False(_sessions.Touch(id));
        Assert.Equal(0, _sessions.Count);
    }

    [Fact]
    public void Ids_are_random_and_unknown_ids_are_not_active()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => _sessions.Start("a")).ToHashSet();
        Assert.Equal(100, ids.Count);
        Assert.All(ids, id => Assert.Equal(22, id.Length));
        Assert.False(_sessions.IsActive("not-a-session"));
        Assert.False(_sessions.IsActive(null));
    }

    [Fact]
    public void A_tab_keeps_its_user_while_the_session_stands_and_loses_it_when_it_ends()
    {
        // Arrange
        var id = _sessions.Start("alice");
        var user = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "alice"), new Claim(SessionStore.SessionClaim, id)], "test"));

        // Act
        var before = RevalidatingSessionStateProvider.StillStands(user, _sessions);
        _sessions.End(id);
        var after = RevalidatingSessionStateProvider.StillStands(user, _sessions);

        // Assert
        Assert.True(before);
        Assert.False(after);
        Assert.True(RevalidatingSessionStateProvider.StillStands(new ClaimsPrincipal(new ClaimsIdentity()), _sessions));
        Assert.True(RevalidatingSessionStateProvider.StillStands(DashboardIdentities.ReadOnlyVisitor("test"), _sessions));
        Assert.False(RevalidatingSessionStateProvider.StillStands(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "x")], "test")), _sessions));
    }
}
