using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using NsmDashboard.Credentials;
using NsmDashboard.Web.Hosting;

namespace NsmDashboard.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Starts the real dashboard in-process: <see cref="NsmDashboardApp"/> on Kestrel at 127.0.0.1 with a free
/// port, the NSM in emulator mode, content root in the checkout. One per test class, so every class starts
/// from a freshly booted emulated enclave (PCR16–31 zero and unlocked). Identities: an operator token (bearer only),
/// and an operator and a viewer user with <see cref="Password"/> (pages sign in with the operator's). Derived
/// fixtures put something in front of it (<see cref="NsmProxyFixture"/>) or point at a dashboard elsewhere
/// (<see cref="RigEnclaveFixture"/>).
/// </summary>
public class NsmDashboardServerFixture : IAsyncLifetime
{
    /// <summary>The operator API token (for <c>Authorization: Bearer</c>; it does not sign a browser in).</summary>
    public const string OperatorToken = "nsm_e2e-operator-0123456789abcdefghijklmnopqrstuvw";

    /// <summary>A user with the Operator role.</summary>
    public const string OperatorUser = "olivia";

    /// <summary>A user with the Viewer role.</summary>
    public const string ViewerUser = "victor";

    /// <summary>The password of both users.</summary>
    public const string Password = "correct horse battery staple";

    private NsmDashboardApp? _app;

    /// <summary>The Operator's user name and password pages sign in with.</summary>
    public (string Name, string Password) OperatorLogin { get; protected set; } = (OperatorUser, Password);

    /// <summary>An Operator API token the dashboard knows, for tests that call the API beside the browser.</summary>
    public string ApiToken { get; protected set; } = OperatorToken;

    /// <summary>The browser storage state (session cookie) of a signed-in Operator, made once by the first test that needs it.</summary>
    public string? OperatorStorageState { get; set; }

    /// <summary>The address the dashboard answers on, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; protected set; } = default!;

    /// <summary>How long a page action may take, in milliseconds; generous, because CI machines are shared.</summary>
    public float PageTimeout { get; protected set; } = 15_000;

    /// <summary>Why the dashboard under test is not there (the tests then skip with this reason); null when it is.</summary>
    public string? UnavailableReason { get; protected set; }

    /// <summary>The running app (for its services).</summary>
    public NsmDashboardApp App => _app ?? throw new InvalidOperationException("The server has not started.");

    // PBKDF2 at 600 000 iterations is slow on purpose: hash once per test process.
    private static readonly Lazy<string> PasswordHash = new(() => CredentialHash.HashPassword(Password));

    /// <inheritdoc/>
    public virtual async ValueTask InitializeAsync()
    {
        var contentRoot = Path.Combine(RepositoryRoot(), "src", "NsmDashboard.Web");
        _app = new NsmDashboardApp(
            new WebApplicationOptions { ContentRootPath = contentRoot, EnvironmentName = "Production" },
            builder =>
            {
                var settings = new Dictionary<string, string?>
                {
                    ["urls"] = "http://127.0.0.1:0",
                    ["Nsm:Mode"] = "emulator",
                    ["Logging:LogLevel:Default"] = "Warning",
                    ["Logging:LogLevel:NsmDashboard"] = "Error",
                    ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
                    ["RateLimits:MutationsPerMinute"] = "100000",
                    ["RateLimits:AttestationsPerMinute"] = "100000",
                    ["RateLimits:LoginsPerMinute"] = "100000",
                    ["RateLimits:LoginsPerUserNamePerMinute"] = "100000",
                    // Open tabs re-check their session every 2 s (30 s in production), so a sign-out shows quickly.
                    ["Auth:SessionRevalidationInterval"] = "00:00:02",
                    ["Auth:ApiTokens:0:Name"] = "e2e-operator-token",
                    ["Auth:ApiTokens:0:Role"] = "Operator",
                    ["Auth:ApiTokens:0:TokenHash"] = CredentialHash.HashToken(OperatorToken),
                    ["Auth:Users:0:Name"] = OperatorUser,
                    ["Auth:Users:0:Role"] = "Operator",
                    ["Auth:Users:0:PasswordHash"] = PasswordHash.Value,
                    ["Auth:Users:1:Name"] = ViewerUser,
                    ["Auth:Users:1:Role"] = "Viewer",
                    ["Auth:Users:1:PasswordHash"] = PasswordHash.Value,
                };
                ConfigureSettings(settings);
                builder.Configuration.AddInMemoryCollection(settings);
            });

        await _app.StartAsync(TestContext.Current.CancellationToken);
        var address = _app.Addresses.Single();
        BaseAddress = new Uri(address.GetLeftPart(UriPartial.Authority) + "/");
    }

    /// <summary>Changes the dashboard's settings before it starts (a derived fixture serving HTTPS, say).</summary>
    protected virtual void ConfigureSettings(IDictionary<string, string?> settings)
    {
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
