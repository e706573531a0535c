using NsmDashboard.Nsm.Emulator;
using NsmDashboard.Web.Components.Controls;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Components.Controls;

public sealed class EmulatedBannerTests : NsmDashboardTestContext
{
    [Fact]
    public void The_emulator_gets_the_emulated_banner_and_no_debug_banner()
    {
        // Act
        var banners = Render<NsmBanners>();

        // Assert
        banners.WaitForAssertion(() =>
            Assert.Contains("EMULATED NSM", banners.Find("[data-testid=emulated-banner]").TextContent, StringComparison.Ordinal));
        Assert.Empty(banners.FindAll("[data-testid=debug-mode-banner]"));
    }
}

public sealed class DebugModeBannerTests() : NsmDashboardTestContext(new NsmEmulatorOptions { DebugMode = true })
{
    [Fact]
    public void A_debug_mode_enclave_gets_the_debug_banner_explaining_attestation_and_KMS()
    {
        // Act
        var banners = Render<NsmBanners>();

        // Assert
        var text = banners.WaitForElement("[data-testid=debug-mode-banner]").TextContent;
        Assert.Contains("PCR0, PCR1 and PCR2 are all zero", text, StringComparison.Ordinal);
        Assert.Contains("--debug-mode", text, StringComparison.Ordinal);
        Assert.Contains("KMS", text, StringComparison.Ordinal);
        Assert.Contains("attestation", text, StringComparison.Ordinal);
    }
}

public sealed class DeviceBannerTests() : NsmDashboardTestContext(wrap: emulator => new DeviceLikeTransport(emulator))
{
    [Fact]
    public void The_device_gets_no_emulated_banner_and_without_operators_the_read_only_banner()
    {
        // Act
        var banners = Render<NsmBanners>();

        // Assert: the debug check has run (the component rendered after reading the PCRs); no identities are
        // configured here, so a device is read-only and says so, and nothing else is shown.
        banners.WaitForAssertion(() => Assert.Equal(
            ["read-only-banner"], banners.FindAll(".mud-alert").Select(a => a.GetAttribute("data-testid"))));
        Assert.Contains("no operators are configured", banners.Find("[data-testid=read-only-banner]").TextContent, StringComparison.Ordinal);
    }
}
