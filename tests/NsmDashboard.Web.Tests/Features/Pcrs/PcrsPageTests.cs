using System.Security.Cryptography;
using MudBlazor;
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
    public async Task Changes_made_elsewhere_faster_than_messages_expire_leave_one_message_the_latest()
    {
        // Arrange
        RenderProviders();
        var page = Render<PcrsPage>();
        page.WaitForElement("tr.pcr-row-31");
        var messages = Services.GetRequiredService<ISnackbar>();

        // Act: another operator's script extends PCR16–PCR23 in a row, faster than any message expires
        for (ushort index = 16; index < 24; index++)
        {
            await Operations.ExtendPcrAsync(index, new byte[] { 0x01 }, OtherOperator, TestContext.Current.CancellationToken);
        }

        // Assert: not a queue of eight (five shown, three waiting), but the last change alone
        page.WaitForAssertion(() =>
        {
            var shown = Assert.Single(messages.ShownSnackbars);
            Assert.StartsWith("PCR23 was extended", shown.Message, StringComparison.Ordinal);
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
