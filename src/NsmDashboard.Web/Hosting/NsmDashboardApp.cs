using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace NsmDashboard.Web.Hosting;

/// <summary>
/// The dashboard as one object: builds the host, registers the services, maps the pages and runs.
/// <c>Program.cs</c> only calls <see cref="Run"/>; tests construct it with their own
/// <see cref="WebApplicationOptions"/> and a hook that runs before the app's own registrations, so a
/// test-registered <c>INsmTransport</c> (or anything else) wins over the defaults, which are added with TryAdd.
/// </summary>
public sealed partial class NsmDashboardApp : IAsyncDisposable
{
    /// <summary>Where the dashboard listens when no <c>--urls</c>, <c>ASPNETCORE_URLS</c>, port or Kestrel endpoint is configured.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5000";

    private readonly WebApplication _app;

    /// <summary>Creates the dashboard from command-line arguments.</summary>
    /// <param name="args">The command line; ASP.NET Core's usual switches (<c>--urls</c>, <c>--Nsm:Mode=emulator</c>, …) apply.</param>
    /// <param name="preConfigure">Runs on the builder before the dashboard's own configuration (for tests).</param>
    public NsmDashboardApp(string[] args, Action<WebApplicationBuilder>? preConfigure = null)
        : this(new WebApplicationOptions { Args = args }, preConfigure)
    {
    }

    /// <summary>Creates the dashboard from host options.</summary>
    /// <param name="options">Host options (arguments, environment, content root, …).</param>
    /// <param name="preConfigure">Runs on the builder before the dashboard's own configuration (for tests).</param>
    public NsmDashboardApp(WebApplicationOptions options, Action<WebApplicationBuilder>? preConfigure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateBuilder(WithDashboardDefaults(options));
        preConfigure?.Invoke(builder);

        // Both before the default: either adds an endpoint in code, after which Kestrel ignores urls.
        var vsock = VsockListening.Configure(builder);
        var https = TlsListening.Configure(builder);
        if (!vsock && !https)
        {
            UseDefaultUrlUnlessConfigured(builder);
        }

        UseStaticWebAssetsOutsideDevelopment(builder);
        // No "Server: Kestrel" header: nothing about the stack is announced.
        // Request bodies are small everywhere (the API limits its own to 64 KiB; forms are a login): 1 MiB at most.
        // Connections are capped for an enclave (NsmDashboard:Limits): beyond them Kestrel closes new ones at once.
        var limits = builder.Configuration.GetSection(ConnectionLimitOptions.SectionName).Get<ConnectionLimitOptions>() ?? new ConnectionLimitOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
            kestrel.Limits.MaxConcurrentConnections = Math.Max(1, limits.MaxConnections);
            kestrel.Limits.MaxConcurrentUpgradedConnections = Math.Max(1, limits.MaxUpgradedConnections);
        });
        WebRoot = WebRootLocator.Resolve(
            builder.Configuration[WebRootLocator.ConfigurationKey],
            builder.Environment.ContentRootPath,
            AppContext.BaseDirectory);

        builder.Services.AddNsmDashboard();
        _app = builder.Build();
        ConfigurePipeline(_app, WebRoot);
    }

    /// <summary>The folder the app's own static files (<c>css/app.css</c>, icons, scripts) are served from, if found.</summary>
    public string? WebRoot { get; }

    /// <summary>The built application, for tests that need its services or its configuration.</summary>
    public WebApplication Application => _app;

    /// <summary>The addresses the server listens on, with real ports once started (port 0 resolved).</summary>
    public IReadOnlyList<Uri> Addresses =>
        _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            .Select(a => new Uri(a))
            .ToArray() ?? [];

    /// <summary>
    /// Runs until shut down (Ctrl+C, SIGTERM). Configuration and NSM problems found at startup are
    /// reported as one clear log line each instead of a stack trace.
    /// </summary>
    /// <returns>The process exit code: 0 after a normal shutdown, 1 when startup failed.</returns>
    public int Run()
    {
        try
        {
            if (!TryInitializeNsm())
            {
                return 1;
            }

            _app.Run();
            return 0;
        }
        catch (IOException ex)
        {
            // Kestrel reports an address in use as an IOException whose message names the address. The host
            // has already logged it with its stack and disposed its loggers, so end with one plain line.
            Console.Error.WriteLine($"The NSM dashboard cannot start: {ex.Message}");
            return 1;
        }
        finally
        {
            _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Starts listening without blocking (for tests); throws when startup fails.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (!TryInitializeNsm())
        {
            throw new InvalidOperationException("The NSM dashboard could not start; the reason has been logged.");
        }

        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the server gracefully.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static WebApplicationOptions WithDashboardDefaults(WebApplicationOptions options)
    {
        // The entry assembly is a test host under tests; the static web assets manifests are named after this one.
        var applicationName = options.ApplicationName ?? typeof(NsmDashboardApp).Assembly.GetName().Name!;
        return new WebApplicationOptions
        {
            Args = options.Args,
            EnvironmentName = options.EnvironmentName,
            ContentRootPath = options.ContentRootPath ?? PublishedContentRoot(options.Args, applicationName),
            WebRootPath = options.WebRootPath,
            ApplicationName = applicationName,
        };
    }

    /// <summary>
    /// A published app keeps its <c>wwwroot</c> and <c>appsettings.json</c> beside its binaries, but ASP.NET Core
    /// takes the working directory as content root; started from elsewhere (a service unit, a container with
    /// another WORKDIR) it would serve empty framework files. So a published app, recognised by having no
    /// static web assets runtime manifest (only build output has one), uses its own directory, unless a
    /// content root was given on the command line or in the environment.
    /// </summary>
    private static string? PublishedContentRoot(string[]? args, string applicationName)
    {
        var hostSettings = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args ?? [])
            .Build();
        if (!string.IsNullOrEmpty(hostSettings[HostDefaults.ContentRootKey]))
        {
            return null;
        }

        var runtimeManifest = Path.Combine(AppContext.BaseDirectory, $"{applicationName}.staticwebassets.runtime.json");
        return File.Exists(runtimeManifest) ? null : AppContext.BaseDirectory;
    }
}
