using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace NsmDashboard.Web.Security.Authentication;

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c> against the configured token hashes (<see cref="DashboardIdentities"/>).
/// No header: no result, so the request stays anonymous; a wrong token: a failure, never a hint of which part was wrong.
/// </summary>
internal sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    DashboardIdentities identities)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Prefix = "Bearer ";

    /// <summary>Whether a request carries a bearer token (then the bearer scheme, not the cookie, decides who it is).</summary>
    public static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var principal = identities.ValidateToken(header[Prefix.Length..].Trim(), Scheme.Name);
        return Task.FromResult(principal is null
            ? AuthenticateResult.Fail("The bearer token is not valid.")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
