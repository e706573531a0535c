using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NsmDashboard.Web.Features.Overview;
using NsmDashboard.Web.Security.Tls;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Features.Overview;

public sealed class TlsBindingCardTests : NsmDashboardTestContext
{
    [Fact]
    public void Plain_HTTP_says_that_nothing_binds_the_connection_and_how_to_turn_TLS_on()
    {
        // Act
        var card = Render<TlsBindingCard>();

        // Assert
        Assert.Equal("HTTP", card.Find("[data-testid=tls-state]").TextContent);
        var off = card.Find("[data-testid=tls-off]").TextContent;
        Assert.Contains("nothing binds this connection to the enclave", off, StringComparison.Ordinal);
        Assert.Contains("--https-port", off, StringComparison.Ordinal);
        Assert.Empty(card.FindAll("[data-testid=tls-command]"));
    }

    [Fact]
    public void HTTPS_shows_the_certificate_the_bound_hashes_and_the_command_that_checks_them()
    {
        // Arrange
        using var tls = UseTls();
        var identity = tls.Identity!;
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>()
            .NavigateTo("https://enclave.example:8443/");

        // Act
        var card = Render<TlsBindingCard>();

        // Assert
        Assert.Equal("HTTPS IN THE ENCLAVE", card.Find("[data-testid=tls-state]").TextContent);
        Assert.Contains("CN=nsm-dashboard", card.Find("[data-testid=tls-subject]").TextContent, StringComparison.Ordinal);
        Assert.Equal(identity.CertificateSha384Hex, card.Find("[data-testid=tls-fingerprint]").GetAttribute("data-value"));
        Assert.Equal(identity.SubjectPublicKeyInfoSha384Hex, card.Find("[data-testid=tls-spki]").GetAttribute("data-value"));
        Assert.Contains("localhost", card.Find("[data-testid=tls-names]").TextContent, StringComparison.Ordinal);
        Assert.Contains(" to ", card.Find("[data-testid=tls-validity]").TextContent, StringComparison.Ordinal);

        // The NSM is emulated here, so the commands pin the emulator's root, never AWS's by default; the emulator's
        // default measurements are no image's, so they expect any enclave.
        Assert.Equal(
            "nsm verify-tls https://enclave.example:8443 --root emulator-root.crt.pem --any-enclave",
            card.Find("[data-testid=tls-command]").GetAttribute("data-value"));
        Assert.Equal(
            "nsm connect https://enclave.example:8443 --root emulator-root.crt.pem --any-enclave",
            card.Find("[data-testid=tls-connect-command]").GetAttribute("data-value"));
        Assert.Contains("nsm connect attests this dashboard, pins its certificate", card.Find("[data-testid=tls-policy-hint]").TextContent, StringComparison.Ordinal);
        var hint = card.Find("[data-testid=tls-root-hint]").TextContent;
        Assert.Contains("The NSM is emulated", hint, StringComparison.Ordinal);
        Assert.Contains("Nsm:Emulator:CertificateAuthorityDirectory", hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Over_plain_HTTP_with_TLS_on_the_command_names_a_placeholder_address()
    {
        using var tls = UseTls();

        var card = Render<TlsBindingCard>();

        Assert.StartsWith("nsm verify-tls https://HOST:PORT", card.Find("[data-testid=tls-command]").GetAttribute("data-value"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_emulator_started_with_measurements_puts_them_in_the_commands()
    {
        using var tls = UseTls();
        Services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Nsm:Emulator:MeasurementsFile"] = "/srv/release 42.json" })
            .Build());

        var card = Render<TlsBindingCard>();

        Assert.EndsWith(" --measurements '/srv/release 42.json'", card.Find("[data-testid=tls-command]").GetAttribute("data-value"), StringComparison.Ordinal);
        Assert.EndsWith(" --measurements '/srv/release 42.json'", card.Find("[data-testid=tls-connect-command]").GetAttribute("data-value"), StringComparison.Ordinal);
    }

    private DashboardTls UseTls()
    {
        var tls = new DashboardTls(
            Options.Create(new TlsOptions { Mode = TlsMode.On }),
            new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(),
            TimeProvider.System,
            NullLogger<DashboardTls>.Instance);
        Services.AddSingleton(tls);
        return tls;
    }
}
