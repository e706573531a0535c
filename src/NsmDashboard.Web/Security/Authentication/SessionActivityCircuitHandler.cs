using Microsoft.AspNetCore.Components.Server.Circuits;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Security.Authentication;

/// <summary>
/// Counts input in an open tab (clicks, typing: the circuit's inbound activity) as activity on its session, so
/// that someone working in one tab for hours, without a page load, is not signed out for being idle.
/// </summary>
public sealed class SessionActivityCircuitHandler(DashboardSession session, SessionStore sessions) : CircuitHandler
{
    /// <inheritdoc/>
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context =>
        {
            if (SessionStore.IdOf(session.User) is { } id)
            {
                sessions.Touch(id);
            }

            return next(context);
        };
}
