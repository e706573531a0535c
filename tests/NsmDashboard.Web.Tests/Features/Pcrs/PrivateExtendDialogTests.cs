using MudBlazor;
using NsmDashboard.Nsm.Protocol;
using NsmDashboard.Web.Features.EventLog;
using NsmDashboard.Web.Features.Pcrs;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Features.Pcrs;

// The extend dialog's "private" box reaches the event log: only the data's hash and length are kept.
public sealed class PrivateExtendDialogTests : NsmDashboardTestContext
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_private_box_decides_whether_the_log_keeps_the_data(bool isPrivate)
    {
        var pcr = await ReadPcrAsync(18);
        var (provider, _) = await ShowDialogAsync(new DialogParameters<ExtendPcrDialog> { { d => d.Pcr, pcr }, { d => d.Digest, NsmDigest.Sha384 } });
        provider.WaitForElement("[data-testid=extend-text]").Input("api-key-fingerprint");
        if (isPrivate)
        {
            provider.Find("input[data-testid=extend-private], [data-testid=extend-private] input").Change(true);
        }

        provider.Find("[data-testid=extend-review]").Click();
        if (isPrivate)
        {
            Assert.Contains("recorded privately", provider.Markup, StringComparison.Ordinal);
        }

        await provider.Find("[data-testid=extend-confirm]").ClickAsync(new());
        provider.WaitForElement("[data-testid=extend-done]");

        var entry = Assert.Single(Services.GetRequiredService<PcrEventLog>().Snapshot().Entries);
        Assert.Equal(isPrivate, entry.IsPrivate);
        Assert.Equal(19, entry.DataLength);
    }
}
