using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using NsmDashboard.Web.Operations;

namespace NsmDashboard.Web.Security.Authentication;

/// <summary>
/// A real device with no identities configured: every visitor is an anonymous <see cref="NsmRoles.Viewer"/>, so the
/// dashboard can be read, and <see cref="NsmAccessPolicy"/> denies every mutation.
/// </summary>
internal sealed class ReadOnlyVisitorHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(AuthenticateResult.Success(
            new AuthenticationTicket(DashboardIdentities.ReadOnlyVisitor(Scheme.Name), Scheme.Name)));
}
