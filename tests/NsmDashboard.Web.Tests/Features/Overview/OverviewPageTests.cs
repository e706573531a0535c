using NsmDashboard.Web.Features.Overview;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Features.Overview;

public sealed class OverviewPageTests : NsmDashboardTestContext
{
    [Fact]
    public void Overview_shows_DescribeNSM_and_the_emulated_mode()
    {
        // Act
        var page = Render<OverviewPage>();

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
        var page = Render<OverviewPage>();
        page.WaitForElement("[data-testid=module-card]");

        // Act
        await Operations.LockPcrAsync(16, OtherOperator, TestContext.Current.CancellationToken);

        // Assert
        page.WaitForAssertion(() => Assert.Contains("0–16", page.Find("[data-testid=locked-pcrs]").TextContent, StringComparison.Ordinal));
    }
}
