using System.Security.Cryptography;
using NsmDashboard.Web.Features.Pcrs;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Features.Pcrs;

public sealed class PcrsPageTests : NsmDashboardTestContext
{
    [Fact]
    public async Task A_change_made_elsewhere_appears_without_reloading()
    {
        // Arrange
        RenderProviders();
        var page = Render<PcrsPage>();
        page.WaitForElement("tr.pcr-row-31");
        byte[] data = [0xca, 0xfe];
        var expected = Convert.ToHexStringLower(SHA384.HashData([.. new byte[48], .. data]));

        // Act: another operator extends PCR21 and locks PCR22
        await Operations.ExtendPcrAsync(21, data, OtherOperator, TestContext.Current.CancellationToken);
        await Operations.LockPcrAsync(22, OtherOperator, TestContext.Current.CancellationToken);

        // Assert
        page.WaitForAssertion(() =>
        {
            Assert.Equal(expected, page.Find("tr.pcr-row-21 [data-testid=pcr-value]").GetAttribute("data-value"));
            Assert.NotNull(page.Find("tr.pcr-row-22 [data-testid=lock-badge]"));
            Assert.True(page.Find("tr.pcr-row-22 [data-testid=extend-button]").HasAttribute("disabled"));
            Assert.Contains("17 locked", page.Find("[data-testid=pcr-summary]").TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Unsubscribes_when_the_page_goes_away()
    {
        // Arrange
        var notifier = Services.GetRequiredService<NsmDashboard.Web.Operations.PcrChangeNotifier>();
        RenderProviders();
        var page = Render<PcrsPage>();
        page.WaitForElement("tr.pcr-row-31");
        var subscribed = notifier.SubscriberCount;

        // Act
        await DisposeComponentsAsync();

        // Assert
        Assert.True(subscribed >= 1);
        Assert.Equal(0, notifier.SubscriberCount);
    }
}
