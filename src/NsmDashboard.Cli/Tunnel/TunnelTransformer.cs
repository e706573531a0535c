using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace NsmDashboard.Cli.Tunnel;

/// <summary>
/// What the tunnel changes between the browser (plain HTTP on loopback) and the dashboard (HTTPS):
/// <list type="bullet">
/// <item>The request keeps the browser's <c>Host</c> (e.g. <c>127.0.0.1:8080</c>), so the dashboard's same-origin
/// check (Origin's authority = Host) holds for the browser's own requests and rejects other sites' as before.</item>
/// <item>An absolute redirect the dashboard builds from that Host and its own scheme (<c>https://127.0.0.1:8080/login</c>,
/// as the sign-in challenge does) is turned back to <c>http://</c>, the scheme the browser reached the tunnel by.</item>
/// </list>
/// Everything else (bodies, cookies, WebSocket upgrades, antiforgery tokens) passes unchanged.
/// </summary>
internal sealed class TunnelTransformer : HttpTransformer
{
    public static TunnelTransformer Instance { get; } = new();

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(proxyRequest);
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken).ConfigureAwait(false);
        proxyRequest.Headers.Host = httpContext.Request.Host.Value;
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var copy = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken).ConfigureAwait(false);
        var headers = httpContext.Response.Headers;
        if (headers.Location.ToString() is { Length: > 0 } location && LocalRedirect(location, httpContext.Request.Host.Value) is { } rewritten)
        {
            headers.Location = rewritten;
        }

        return copy;
    }

    /// <summary>An https URL on the browser's own host as http; null for anything else (left as the dashboard sent it).</summary>
    public static string? LocalRedirect(string location, string? browserHost)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (string.IsNullOrEmpty(browserHost)
            || !Uri.TryCreate(location, UriKind.Absolute, out var uri)
            || uri.Scheme != Uri.UriSchemeHttps
            || !string.Equals(uri.Authority, browserHost, StringComparison.OrdinalIgnoreCase)
            && !string.Equals($"{uri.Host}:{uri.Port}", browserHost, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return string.Concat(Uri.UriSchemeHttp, "://", browserHost, uri.PathAndQuery, uri.Fragment);
    }
}
