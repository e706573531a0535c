using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using NsmDashboard.Cli.Tls;
using Yarp.ReverseProxy.Forwarder;

namespace NsmDashboard.Cli.Tunnel;

/// <summary>
/// The page the browser gets instead of the dashboard when the tunnel refuses to forward (a certificate that failed
/// attestation) or cannot (the dashboard is unreachable): status 502, what happened, which check failed, both
/// certificates' fingerprints, what to do. Every value is HTML-encoded: evidence quotes what the server sent.
/// </summary>
internal static class TunnelErrorPage
{
    /// <summary>Writes the page for a forwarding error, unless the response has started (then it is aborted).</summary>
    public static async Task WriteAsync(HttpContext context, ForwarderError error, Uri server)
    {
        ArgumentNullException.ThrowIfNull(context);
        var exception = context.Features.Get<IForwarderErrorFeature>()?.Exception;
        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }

        var (title, body) = FindRefusal(exception) is { } refusal
            ? ("The tunnel refused to forward: the dashboard failed attestation", Refused(refusal, server))
            : ("The tunnel cannot reach the dashboard", Unreachable(error, exception, server));
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status502BadGateway;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
        await context.Response.WriteAsync(Page(title, body), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The refusal among an exception and its inner ones.</summary>
    public static TunnelRefusedException? FindRefusal(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is TunnelRefusedException refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    private static string Refused(TunnelRefusedException refusal, Uri server) =>
        $"""
        <p>Nothing of this request was sent. The connection to <code>{E(server.GetLeftPart(UriPartial.Authority))}</code> was served a certificate other than the one this tunnel verified and pinned, so the tunnel attested it again, and it failed:</p>
        <p class="check" data-check="{E(refusal.Check)}"><strong>✗ {E(refusal.Check)}</strong>: {E(refusal.Evidence)}</p>
        <table>
        <tr><th>served certificate (SHA-256)</th><td><code data-testid="served">{E(refusal.ServedSha256)}</code></td></tr>
        <tr><th>pinned certificate (SHA-256)</th><td><code data-testid="pinned">{E(refusal.PinnedSha256)}</code></td></tr>
        </table>
        <p>Either the dashboard restarted into an enclave that does not meet your policy, or something between you and the enclave (the parent instance) answers in its place. Do not sign in. Check the enclave with <code>nsm verify-tls</code>; the tunnel keeps refusing this certificate, and forwards again as soon as a connection is served the pinned one or one that passes attestation.</p>
        """;

    private static string Unreachable(ForwarderError error, Exception? exception, Uri server) =>
        $"""
        <p>The tunnel could not forward this request to <code>{E(server.GetLeftPart(UriPartial.Authority))}</code> ({E(error.ToString())}):</p>
        <p class="check"><strong>{E(Innermost(exception) ?? "no detail")}</strong></p>
        <p>Nothing was sent to a server whose certificate was not verified. Reload when the dashboard is back.</p>
        """;

    private static string Page(string title, string body)
    {
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(title))
            .Append("</title><style>body{font-family:system-ui,sans-serif;max-width:52rem;margin:3rem auto;padding:0 1rem;line-height:1.5}")
            .Append("h1{color:#b00020;font-size:1.5rem}.check{background:#fdecea;border-left:4px solid #b00020;padding:.5rem 1rem}")
            .Append("th{text-align:left;padding-right:1rem;font-weight:normal;color:#555}code{word-break:break-all}</style></head><body>\n<h1 data-testid=\"tunnel-error\">")
            .Append(E(title))
            .Append("</h1>\n")
            .Append(body)
            .Append("\n<p><small>nsm connect</small></p></body></html>\n");
        return page.ToString();
    }

    private static string? Innermost(Exception? exception)
    {
        if (exception is null)
        {
            return null;
        }

        while (exception.InnerException is { } inner && exception is not DashboardConnectException)
        {
            exception = inner;
        }

        return exception.Message;
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
