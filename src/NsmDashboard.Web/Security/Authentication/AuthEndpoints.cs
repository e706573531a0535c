using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using NsmDashboard.Web.Hosting.Api;

namespace NsmDashboard.Web.Security.Authentication;

/// <summary>
/// <c>POST /logout</c> (the sign-out form) and <c>GET /api/me</c> (who am I, and the antiforgery token for a browser
/// session). Signing in happens on the login page (<c>Security/Authentication/LoginPage.razor</c>).
/// </summary>
public static class AuthEndpoints
{
    /// <summary>Maps the routes.</summary>
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost("/logout", LogoutAsync)
            .AllowAnonymous()
            .ExcludeFromDescription();

        endpoints.MapGet("/api/me", Me)
            .WithTags("Session")
            .WithName("Me")
            .WithSummary("Who the caller is signed in as; for a browser session also the antiforgery token for API mutations.")
            .RequireAuthorization(NsmRoles.ViewerPolicy)
            .ProducesProblems(StatusCodes.Status401Unauthorized);
        return endpoints;
    }

    // The sign-out form carries an antiforgery token: another site must not be able to sign an operator out.
    internal static async Task<IResult> LogoutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.Problem(ApiProblems.AntiforgeryRejected());
        }

        // Ended on the server too: every tab of this session loses its role at its next check, and the cookie, should
        // it survive somewhere, is refused.
        context.RequestServices.GetRequiredService<SessionStore>().End(SessionStore.IdOf(context.User));
        await context.SignOutAsync(AuthSchemes.Cookie);
        return TypedResults.Redirect("/login?signedOut=true");
    }

    internal static Ok<MeResponse> Me(HttpContext context, IAntiforgery antiforgery)
    {
        var user = context.User;
        var isCookie = user.Identity?.AuthenticationType == AuthSchemes.Cookie;
        return TypedResults.Ok(new MeResponse(
            user.Identity?.Name ?? string.Empty,
            user.FindFirst(ClaimTypes.Role)?.Value ?? string.Empty,
            user.FindFirst(DashboardIdentities.MethodClaim)?.Value ?? string.Empty,
            isCookie ? antiforgery.GetAndStoreTokens(context).RequestToken : null));
    }
}
