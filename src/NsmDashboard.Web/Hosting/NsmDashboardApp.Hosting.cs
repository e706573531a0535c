using Microsoft.Extensions.FileProviders;
using NsmDashboard.Web.Components;
using NsmDashboard.Web.Hosting.Api;
using NsmDashboard.Web.Security;
using NsmDashboard.Web.Security.Authentication;

namespace NsmDashboard.Web.Hosting;

/// <summary>Addresses, static files and the request pipeline.</summary>
public sealed partial class NsmDashboardApp
{
    /// <summary>
    /// Listens on <see cref="DefaultUrl"/> unless the usual ASP.NET Core settings say otherwise:
    /// <c>urls</c> (<c>--urls</c>, <c>ASPNETCORE_URLS</c>), <c>http_ports</c>/<c>https_ports</c>, or <c>Kestrel:Endpoints</c>.
    /// Loopback by default, because the dashboard can extend and lock PCRs.
    /// </summary>
    private static void UseDefaultUrlUnlessConfigured(WebApplicationBuilder builder)
    {
        if (!VsockListening.HasExplicitTcpAddresses(builder.Configuration))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
    }

    /// <summary>
    /// Framework, MudBlazor and scoped-CSS assets come from the static web assets manifest next to the
    /// build output. ASP.NET Core reads it only in Development; read it in every environment so that
    /// <c>dotnet run</c> without a launch profile works too. A published app has no such manifest (its
    /// assets are in its <c>wwwroot</c>), and then this does nothing.
    /// </summary>
    private static void UseStaticWebAssetsOutsideDevelopment(WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            builder.WebHost.UseStaticWebAssets();
        }
    }

    private static void ConfigurePipeline(WebApplication app, string? webRoot)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);

        // The JSON API (Hosting/Api/ and each feature's endpoints): problems instead of error pages on its paths, then its routes and /openapi/v1.json.
        app.UseNsmDashboardApi();

        // The top-level wwwroot/ (how it is copied: NsmDashboard.Web.csproj): plain files, not fingerprinted; public, the login page needs them.
        if (webRoot is not null && Directory.Exists(webRoot))
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(webRoot) });
        }

        // Who is asking (cookie, bearer token, or the read-only visitor); the rate limits (per user, or per address for
        // the anonymous) before the role check, so that a flood of refused requests is turned away with 429 before the
        // audit trail records any of it; whether their role may use the route; then antiforgery for cookie-borne API
        // mutations and forms.
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<ApiAntiforgeryMiddleware>();
        app.UseAntiforgery();

        app.MapAuthEndpoints();
        app.MapStaticAssets();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode(options =>
            {
                // No permessage-deflate on the circuit's WebSocket: with it, every open circuit keeps zlib
                // state in native memory (a deflater of about 256 KB with context takeover, and an inflater
                // for the browser's messages whatever the server asks), which was most of the RSS per idle
                // circuit; the dashboard's render batches are small and its clients close by
                // (tests/NsmDashboard.Benchmarks/README.md, "Memory per circuit").
                options.DisableWebSocketCompression = true;
            })
            // Every page and the circuit's hub need a signed-in user (an unauthenticated WebSocket gets nothing);
            // the login and error pages opt out with [AllowAnonymous].
            .RequireAuthorization(NsmRoles.ViewerPolicy);
    }
}
