using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using NsmDashboard.Web;

namespace NsmDashboard.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Starts the real dashboard in-process: <see cref="NsmDashboardApp"/> on Kestrel at 127.0.0.1 with a free
/// port, the NSM in emulator mode, content root in the checkout. One per test class, so every class starts
/// from a freshly booted emulated enclave (PCR16–31 zero and unlocked). Derived fixtures put something in front
/// of it (<see cref="NsmProxyFixture"/>) or point at a dashboard elsewhere (<see cref="RigEnclaveFixture"/>).
/// </summary>
public class NsmDashboardServerFixture : IAsyncLifetime
{
    private NsmDashboardApp? _app;

    /// <summary>The address the dashboard answers on, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; protected set; } = default!;

    /// <summary>How long a page action may take, in milliseconds; generous, because CI machines are shared.</summary>
    public float PageTimeout { get; protected set; } = 15_000;

    /// <summary>Why the dashboard under test is not there (the tests then skip with this reason); null when it is.</summary>
    public string? UnavailableReason { get; protected set; }

    /// <summary>The running app (for its services).</summary>
    public NsmDashboardApp App => _app ?? throw new InvalidOperationException("The server has not started.");

    /// <inheritdoc/>
    public virtual async ValueTask InitializeAsync()
    {
        var contentRoot = Path.Combine(RepositoryRoot(), "src", "NsmDashboard.Web");
        _app = new NsmDashboardApp(
            new WebApplicationOptions { ContentRootPath = contentRoot, EnvironmentName = "Production" },
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["urls"] = "http://127.0.0.1:0",
                    ["Nsm:Mode"] = "emulator",
                    ["Logging:LogLevel:Default"] = "Warning",
                    ["Logging:LogLevel:NsmDashboard"] = "Error",
                    ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
                });
            });

        await _app.StartAsync(TestContext.Current.CancellationToken);
        var address = _app.Addresses.Single();
        BaseAddress = new Uri(address.GetLeftPart(UriPartial.Authority) + "/");
    }

    /// <inheritdoc/>
    public virtual async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private static string RepositoryRoot() =>
        typeof(NsmDashboardServerFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepositoryRoot").Value
        ?? throw new InvalidOperationException("The build did not record the repository root.");
}
