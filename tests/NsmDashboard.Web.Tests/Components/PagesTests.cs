using NsmDashboard.Web.Components.Controls;
using NsmDashboard.Web.Components.Pages;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Components;

public sealed class PagesTests : NsmDashboardTestContext
{
    [Fact]
    public void Overview_shows_DescribeNSM_and_the_emulated_mode()
    {
        // Act
        var page = Render<Overview>();

        // Assert
        page.WaitForElement("[data-testid=module-card]");
        Assert.Equal(Emulator.ModuleId, page.Find("[data-testid=module-id]").GetAttribute("data-value"));
        Assert.Equal("1.0.0", page.Find("[data-testid=version]").TextContent.Trim());
        Assert.Equal("32", page.Find("[data-testid=max-pcrs]").TextContent.Trim());
        Assert.Equal("SHA384", page.Find("[data-testid=digest]").TextContent.Trim());
        Assert.Contains("0–15", page.Find("[data-testid=locked-pcrs]").TextContent, StringComparison.Ordinal);
        Assert.Contains("EMULATED", page.Find("[data-testid=mode]").TextContent, StringComparison.Ordinal);
        Assert.Equal(Emulator.Description, page.Find("[data-testid=transport]").TextContent.Trim());
    }

    [Fact]
    public async Task Overview_follows_lock_changes()
    {
        // Arrange
        var page = Render<Overview>();
        page.WaitForElement("[data-testid=module-card]");

        // Act
        await Operations.LockPcrAsync(16, OtherOperator, TestContext.Current.CancellationToken);

        // Assert
        page.WaitForAssertion(() => Assert.Contains("0–16", page.Find("[data-testid=locked-pcrs]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Random_shows_256_bytes_as_hex_and_base64_of_the_same_bytes()
    {
        // Arrange
        var page = Render<RandomBytes>();

        // Act
        page.Find("[data-testid=get-random]").Click();

        // Assert
        page.WaitForElement("[data-testid=random-result]");
        var hex = page.Find("[data-testid=random-hex]").GetAttribute("data-value")!;
        var base64 = page.Find("[data-testid=random-base64]").GetAttribute("data-value")!;
        Assert.Equal(512, hex.Length);
        Assert.Equal(Convert.FromHexString(hex), Convert.FromBase64String(base64));
        Assert.Equal("256", page.Find("[data-testid=random-length]").TextContent.Trim());
    }

    [Fact]
    public void HexValue_abbreviates_long_values_and_expands_on_demand()
    {
        // Arrange
        var value = new string('a', 40) + new string('b', 56);

        // Act
        var hex = Render<HexValue>(p => p.Add(x => x.Value, value).Add(x => x.Label, "PCR16"));

        // Assert
        Assert.Equal($"{new string('a', 16)}…{new string('b', 8)}", hex.Find(".hex-text").TextContent);
        hex.Find("[data-testid=hex-expand]").Click();
        Assert.Equal(value, hex.Find(".hex-text").TextContent);
        Assert.Equal("Copy PCR16", hex.Find("[data-testid=hex-copy]").GetAttribute("aria-label"));
    }

    [Fact]
    public void HexValue_copies_through_the_dashboard_module()
    {
        // Arrange
        var module = JSInterop.SetupModule(NsmDashboard.Web.Services.BrowserInterop.ModulePath);
        var copy = module.Setup<bool>("copyText", "0102").SetResult(true);
        var hex = Render<HexValue>(p => p.Add(x => x.Value, "0102"));

        // Act
        hex.Find("[data-testid=hex-copy]").Click();

        // Assert
        hex.WaitForAssertion(() => Assert.Single(copy.Invocations));
    }
}
