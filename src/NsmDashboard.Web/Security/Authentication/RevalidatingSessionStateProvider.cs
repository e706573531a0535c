using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace NsmDashboard.Web.Security.Authentication;

/// <summary>
/// The authentication state of a dashboard tab (circuit), checked again every
/// <see cref="AuthOptions.SessionRevalidationInterval"/>: when the session behind it has ended — signed out in another
/// tab, or idle beyond <see cref="AuthOptions.SessionIdleTimeout"/> — the tab's user becomes anonymous, so it loses its
/// role (every mutation is then denied) and <see cref="SessionEndedNotice"/> says so. Without this a circuit would keep
/// the role it was opened with for as long as the tab stays open.
/// </summary>
public sealed class RevalidatingSessionStateProvider(
    ILoggerFactory loggerFactory,
    SessionStore sessions,
    IOptions<AuthOptions> options) : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    /// <inheritdoc/>
    protected override TimeSpan RevalidationInterval => options.Value.SessionRevalidationInterval;

    /// <summary>
    /// Whether a tab's user still stands: anonymous stays anonymous; the read-only visitor of a device without operators
    /// has no session to end; anyone signed in needs an active session (a principal without one never does).
    /// </summary>
    public static bool StillStands(ClaimsPrincipal user, SessionStore sessions)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(sessions);
        return user.Identity is not { IsAuthenticated: true }
            || user.FindFirst(DashboardIdentities.MethodClaim)?.Value == DashboardIdentities.ReadOnlyMethod
            || sessions.IsActive(SessionStore.IdOf(user));
    }

    /// <inheritdoc/>
    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticationState);
        return Task.FromResult(StillStands(authenticationState.User, sessions));
    }
}
