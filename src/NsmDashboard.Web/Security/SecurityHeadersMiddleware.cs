namespace NsmDashboard.Web.Security;

/// <summary>
/// Security headers on every response. The Content-Security-Policy is the strictest Blazor Server and MudBlazor run
/// under: scripts and connections (the circuit's WebSocket) only from the dashboard's own origin, no inline script;
/// inline styles are allowed because MudBlazor writes its theme and positions as style attributes. The page may not
/// be framed (clickjacking of the lock buttons), nothing is sniffed, and no referrer leaves the page.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>The policy sent on every response.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpContext)state).Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers.Remove("X-Powered-By");
            headers.Remove("Server");
            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
