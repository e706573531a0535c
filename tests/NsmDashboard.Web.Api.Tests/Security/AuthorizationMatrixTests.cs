using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NsmDashboard.Web.Api.Tests.Infrastructure;

namespace NsmDashboard.Web.Api.Tests.Security;

/// <summary>
/// Every route the app maps, enumerated from its own <see cref="EndpointDataSource"/>, tried anonymously, as a Viewer
/// and as an Operator. A route missing from <see cref="Expected"/> fails the test, so a new route cannot be added
/// without deciding who may use it.
/// </summary>
public sealed class AuthorizationMatrixTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Who may use a route.</summary>
    public enum Access
    {
        /// <summary>Anyone, signed in or not.</summary>
        Public,

        /// <summary>A signed-in Viewer or Operator.</summary>
        Viewer,

        /// <summary>An Operator only.</summary>
        Operator,

        /// <summary>Anyone, but only with an antiforgery token from the dashboard's own form (refused here, where there is none).</summary>
        Form,
    }

    // "METHOD pattern" → who may use it. Static web assets (framework and MudBlazor files) are public and not listed.
    private static readonly Dictionary<string, Access> Expected = new(StringComparer.Ordinal)
    {
        ["GET /api/nsm"] = Access.Viewer,
        ["GET /api/pcrs"] = Access.Viewer,
        ["GET /api/pcrs/{index}"] = Access.Viewer,
        ["POST /api/pcrs/{index}/extend"] = Access.Operator,
        ["POST /api/pcrs/{index}/lock"] = Access.Operator,
        ["POST /api/pcrs/lock"] = Access.Operator,
        // A Viewer may ask with a nonce only; NsmOperations refuses user_data and public_key (AuthorizationTests).
        ["POST /api/attestation"] = Access.Viewer,
        ["POST /api/attestation/verify"] = Access.Viewer,
        ["POST /api/attestation/decode"] = Access.Viewer,
        // A live document is asked for over a nonce only, which a Viewer may; the Recipient key binding is the page's (Operator).
        ["POST /api/kms/generate"] = Access.Viewer,
        ["POST /api/kms/check"] = Access.Viewer,
        // Public and rate-limited: a client checks the TLS binding before it sends a password.
        ["GET /api/attestation/tls"] = Access.Public,
        ["GET /api/random"] = Access.Viewer,
        ["GET /api/eventlog"] = Access.Viewer,
        ["GET /api/pcrs/{index}/replay"] = Access.Viewer,
        // Imported logs and expected-measurement sets decide what the dashboard calls a match: changing them is an
        // Operator's (and audited); checking against them and reading them is anyone's signed in.
        ["POST /api/eventlog/import"] = Access.Operator,
        ["POST /api/eventlog/check"] = Access.Viewer,
        ["GET /api/measurements"] = Access.Viewer,
        ["POST /api/measurements"] = Access.Operator,
        ["DELETE /api/measurements/{name}"] = Access.Operator,
        ["GET /api/audit"] = Access.Viewer,
        ["GET /api/me"] = Access.Viewer,
        // Liveness for probes names nothing; readiness with the module id needs a Viewer.
        ["GET /healthz"] = Access.Public,
        ["GET /healthz/ready"] = Access.Viewer,
        ["GET /metrics"] = Access.Viewer,
        ["GET /openapi/{documentName}.json"] = Access.Viewer,
        ["POST /logout"] = Access.Form,
        // Static files outside the fingerprinted assets (the login page needs its styles).
        ["GET /{**path:file}"] = Access.Public,
        ["HEAD /{**path:file}"] = Access.Public,
        // Blazor's redirect helper for enhanced navigation: part of the pages.
        ["GET /_framework/opaque-redirect"] = Access.Viewer,
        ["GET /login"] = Access.Public,
        ["POST /login"] = Access.Public,
        ["GET /error"] = Access.Public,
        ["POST /error"] = Access.Public,
        ["GET /"] = Access.Viewer,
        ["POST /"] = Access.Viewer,
        ["GET /pcrs"] = Access.Viewer,
        ["POST /pcrs"] = Access.Viewer,
        ["GET /random"] = Access.Viewer,
        ["POST /random"] = Access.Viewer,
        ["GET /kms"] = Access.Viewer,
        ["POST /kms"] = Access.Viewer,
        ["GET /attestation"] = Access.Viewer,
        ["POST /attestation"] = Access.Viewer,
        ["GET /inspect"] = Access.Viewer,
        ["POST /inspect"] = Access.Viewer,
        ["GET /eventlog"] = Access.Viewer,
        ["POST /eventlog"] = Access.Viewer,
        ["GET /measurements"] = Access.Viewer,
        ["POST /measurements"] = Access.Viewer,
        ["GET /lab/sandbox"] = Access.Viewer,
        ["POST /lab/sandbox"] = Access.Viewer,
        ["GET /lab/diff"] = Access.Viewer,
        ["POST /lab/diff"] = Access.Viewer,
        ["GET /audit"] = Access.Viewer,
        ["POST /audit"] = Access.Viewer,
        ["GET /not-found"] = Access.Viewer,
        ["POST /not-found"] = Access.Viewer,
        ["GET /_blazor/initializers"] = Access.Viewer,
        ["GET /_blazor/negotiate"] = Access.Viewer,
        ["GET /_blazor/disconnect"] = Access.Viewer,
        ["GET /_blazor"] = Access.Viewer,
    };

    [Fact]
    public async Task Every_route_admits_exactly_the_roles_it_should()
    {
        // Arrange
        await using var api = new ApiFactory();
        // Redirects are not followed: a page's redirect to /login is the refusal.
        var noRedirects = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false };
        using var anonymous = api.CreateAnonymousClient(noRedirects);
        using var viewer = api.CreateViewerClient(noRedirects);
        using var @operator = api.CreateClient(noRedirects);
        var routes = Routes(api);
        var failures = new List<string>();

        // Act and assert, per route: an unlisted route is a failure in itself.
        foreach (var (method, pattern) in routes)
        {
            var key = $"{method} {pattern}";
            if (!Expected.TryGetValue(key, out var access))
            {
                failures.Add($"{key}: not in the expectation table; decide who may use it");
                continue;
            }

            var path = Path(pattern);
            var asAnonymous = await SendAsync(anonymous, method, path);
            var asViewer = await SendAsync(viewer, method, path);
            var asOperator = await SendAsync(@operator, method, path);

            Check(failures, key, "anonymous", asAnonymous, allowed: access == Access.Public);
            Check(failures, key, "viewer", asViewer, allowed: access is Access.Public or Access.Viewer);
            Check(failures, key, "operator", asOperator, allowed: access != Access.Form);
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Contains(("POST", "/api/pcrs/{index}/lock"), routes);
        // The circuit's hub is among them: an unauthenticated WebSocket gets nothing.
        Assert.Contains(routes, r => r.Pattern == "/_blazor/negotiate");
    }

    private static void Check(List<string> failures, string key, string who, HttpResponseMessage response, bool allowed)
    {
        var refused = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.ToString().Contains("/login", StringComparison.Ordinal) == true);
        if (refused == allowed)
        {
            failures.Add($"{key} as {who}: {(int)response.StatusCode} {response.Headers.Location}, expected it to be {(allowed ? "allowed" : "refused")}");
        }
    }

    private static List<(string Method, string Pattern)> Routes(ApiFactory api)
    {
        var endpoints = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var routes = new List<(string, string)>();
        foreach (var endpoint in endpoints)
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).Trim('/');
            if (IsStaticAsset(endpoint))
            {
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            routes.AddRange(methods.Select(m => (m, pattern)));
        }

        return routes.Distinct().ToList();
    }

    // Files from MapStaticAssets: the framework's scripts, MudBlazor's CSS and JS, the scoped CSS bundle.
    private static bool IsStaticAsset(RouteEndpoint endpoint) =>
        endpoint.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor");

    private static string Path(string pattern) => pattern
        .Replace("{index}", "16", StringComparison.Ordinal)
        .Replace("{documentName}", "v1", StringComparison.Ordinal)
        .Replace("{**path:file}", "favicon.svg", StringComparison.Ordinal);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request, Ct);
    }
}
