using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NsmDashboard.Nsm.Device;
using NsmDashboard.Nsm.Emulator;
using NsmDashboard.Web.Hosting;

namespace NsmDashboard.Web.Api.Tests.Infrastructure;

/// <summary>
/// The real dashboard (its Program, its pipeline, its services) on an in-memory test server, with the NSM
/// replaced: by default a fresh emulator per factory, so every test starts from a newly booted enclave
/// (PCR0–15 locked, PCR16–31 zero and unlocked). The environment is Development, where ASP.NET Core would show
/// stack traces if the API let an exception through.
/// Identities are <see cref="TestIdentities"/>; <see cref="WebApplicationFactory{TEntryPoint}.CreateClient()"/> gives a
/// client signed in as the operator token, <see cref="CreateViewerClient"/> and <see cref="CreateAnonymousClient"/> the others.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<NsmDashboardApp>
{
    private readonly INsmTransport _transport;
    private readonly NsmEmulator? _ownedEmulator;
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configureServices;
    private readonly bool _identities;

    /// <param name="transport">The NSM; a fresh emulator when null.</param>
    /// <param name="settings">More configuration (e.g. <c>NsmDashboard:Tls:Mode</c>).</param>
    /// <param name="configureServices">More services (e.g. an operation sink).</param>
    /// <param name="identities">Configure <see cref="TestIdentities"/>; without them the emulator makes a one-time token.</param>
    public ApiFactory(
        INsmTransport? transport = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null,
        bool identities = true)
    {
        _settings = settings is null ? [] : new Dictionary<string, string?>(settings);
        _configureServices = configureServices;
        _identities = identities;
        if (transport is null)
        {
            _ownedEmulator = new NsmEmulator();
            transport = _ownedEmulator;
        }

        _transport = transport;
    }

    /// <summary>The emulator behind the API, when the factory made one.</summary>
    public NsmEmulator Emulator => _ownedEmulator ?? throw new InvalidOperationException("This factory was given its own transport.");

    /// <summary>
    /// The address of the real server after <c>UseKestrel(0)</c> and <c>StartServer()</c>. A plain HttpClient is needed
    /// to reach it: the factory's own clients stay in memory, where every body has a known length.
    /// </summary>
    public Uri KestrelAddress =>
        new(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
            .Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal) || a.StartsWith("http://localhost:", StringComparison.Ordinal))
            .Replace("localhost", "127.0.0.1", StringComparison.Ordinal));

    /// <summary>Adds a configuration setting (before the first client or <c>Services</c> is used).</summary>
    public ApiFactory WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>A client that sends no credentials.</summary>
    public HttpClient CreateAnonymousClient(WebApplicationFactoryClientOptions? options = null)
    {
        var client = CreateClient(options ?? new WebApplicationFactoryClientOptions());
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    /// <summary>A client signed in with the Viewer token.</summary>
    public HttpClient CreateViewerClient(WebApplicationFactoryClientOptions? options = null)
    {
        var client = CreateClient(options ?? new WebApplicationFactoryClientOptions());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestIdentities.ViewerToken);
        return client;
    }

    /// <summary>A plain client for <see cref="KestrelAddress"/>, signed in with the Operator token.</summary>
    public HttpClient CreateKestrelClient() => new()
    {
        BaseAddress = KestrelAddress,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", TestIdentities.OperatorToken) },
    };

    /// <summary>Every client the factory makes is signed in as the Operator token unless a test says otherwise.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestIdentities.OperatorToken);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Nsm:Mode", "emulator");
        // Quiet: failures show in assertions. (appsettings.json's levels win over SetMinimumLevel, so set them.)
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning");
        builder.UseSetting("Logging:LogLevel:NsmDashboard", "Error");
        // Generous limits, so that tests that make many calls are not throttled; the rate-limit tests set their own.
        builder.UseSetting("RateLimits:MutationsPerMinute", "100000");
        builder.UseSetting("RateLimits:AttestationsPerMinute", "100000");
        builder.UseSetting("RateLimits:LoginsPerMinute", "100000");
        foreach (var (key, value) in _identities ? TestIdentities.Configuration : new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton(_transport);
            _configureServices?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _ownedEmulator?.Dispose();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _ownedEmulator?.Dispose();
    }
}
