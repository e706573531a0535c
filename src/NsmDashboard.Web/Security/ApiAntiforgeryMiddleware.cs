using Microsoft.AspNetCore.Antiforgery;
using NsmDashboard.Web.Hosting.Api;
using NsmDashboard.Web.Security.Authentication;

namespace NsmDashboard.Web.Security;

/// <summary>
/// Antiforgery for API calls that ride on the browser's session cookie: a state-changing request to an API path
/// authenticated by the cookie must carry the antiforgery token (<c>X-CSRF-TOKEN</c>, from <c>GET /api/me</c>), or
/// it is refused with 403 before any endpoint runs. Bearer-token calls are exempt: a browser never attaches a bearer
/// token on its own, so another site cannot forge one.
/// </summary>
internal sealed class ApiAntiforgeryMiddleware(RequestDelegate next, IAntiforgery antiforgery)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (ApiProblemMiddleware.IsApiPath(context.Request.Path)
            && !HttpMethods.IsGet(context.Request.Method)
            && !HttpMethods.IsHead(context.Request.Method)
            && !HttpMethods.IsOptions(context.Request.Method)
            && context.User.Identity is { IsAuthenticated: true, AuthenticationType: AuthSchemes.Cookie }
            && !await antiforgery.IsRequestValidAsync(context))
        {
            await TypedResults.Problem(ApiProblems.AntiforgeryRejected()).ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
