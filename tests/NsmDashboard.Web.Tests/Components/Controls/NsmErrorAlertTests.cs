using NsmDashboard.Web.Features.Pcrs;
using NsmDashboard.Web.Features.Random;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Components.Controls;

public sealed class DeviceErrorTests() : NsmDashboardTestContext(wrap: _ => new FailingDeviceTransport(5, "EIO"))
{
    [Fact]
    public void A_failing_device_is_reported_with_its_errno_and_the_page_keeps_working()
    {
        // Arrange
        RenderProviders();

        // Act
        var page = Render<PcrsPage>();

        // Assert
        var error = page.WaitForElement("[data-testid=nsm-error]").TextContent;
        Assert.Contains("EIO", error, StringComparison.Ordinal);
        Assert.Contains("errno 5", error, StringComparison.Ordinal);

        // Retrying fails the same way, and is reported the same way: the component is still alive.
        page.Find("[data-testid=nsm-error] button").Click();
        page.WaitForAssertion(() => Assert.Contains("EIO", page.Find("[data-testid=nsm-error]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Random_reports_the_errno_too()
    {
        // Arrange
        var page = Render<RandomPage>();

        // Act
        page.Find("[data-testid=get-random]").Click();

        // Assert
        page.WaitForAssertion(() => Assert.Contains("errno 5", page.Find("[data-testid=nsm-error]").TextContent, StringComparison.Ordinal));
    }
}

public sealed class NsmRefusalTests : NsmDashboardTestContext
{
    [Fact]
    public async Task Locking_a_boot_locked_PCR_shows_ReadOnlyIndex()
    {
        // Arrange: PCR5 is locked from boot; a stale page might still offer to lock it
        var pcr = (await ReadPcrAsync(5)) with { Locked = false };
        var (provider, _) = await ShowDialogAsync(new MudBlazor.DialogParameters<NsmDashboard.Web.Features.Pcrs.LockPcrDialog> { { d => d.Pcr, pcr } });

        // Act
        provider.Find("[data-testid=lock-confirm-text]").Input("5");
        provider.WaitForElement("[data-testid=lock-confirm]:not([disabled])").Click();

        // Assert
        var error = provider.WaitForElement("[data-testid=nsm-error]").TextContent;
        Assert.Contains("NSM error ReadOnlyIndex", error, StringComparison.Ordinal);
        Assert.Contains("locked", error, StringComparison.Ordinal);
    }
}
