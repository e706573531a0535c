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

        // The NSM is emulated here, so the command pins the emulator's root, never AWS's by default.
        Assert.Equal(
            "nsm verify-tls https://enclave.example:8443 --root emulator-root.crt.pem",
            card.Find("[data-testid=tls-command]").GetAttribute("data-value"));
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
