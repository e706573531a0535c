using Microsoft.Extensions.FileProviders;
using NsmDashboard.Web.Api;
using NsmDashboard.Web.Components;
using NsmDashboard.Web.Configuration;

namespace NsmDashboard.Web;

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
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);

        // The JSON API (Api/): problems instead of error pages on its paths, then its routes and /openapi/v1.json.
        app.UseNsmDashboardApi();

        // The top-level wwwroot/ (aesthetics.md §2.2): plain files, not fingerprinted.
        if (webRoot is not null && Directory.Exists(webRoot))
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(webRoot) });
        }

        app.UseAntiforgery();
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
            });
    }
}
