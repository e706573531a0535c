using NsmDashboard.Web.Components;
using NsmDashboard.Web.Components.Controls;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Components.Controls;

public sealed class HexValueTests : NsmDashboardTestContext
{
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
        var module = JSInterop.SetupModule(BrowserInterop.ModulePath);
        var copy = module.Setup<bool>("copyText", "0102").SetResult(true);
        var hex = Render<HexValue>(p => p.Add(x => x.Value, "0102"));

        // Act
        hex.Find("[data-testid=hex-copy]").Click();

        // Assert
        hex.WaitForAssertion(() => Assert.Single(copy.Invocations));
    }
}
