using NsmDashboard.Nsm.Emulator.Faults;
using NsmDashboard.Web.Features.Pcrs;
using NsmDashboard.Web.Operations;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Features.Pcrs;

public sealed class PcrsPageFaultTests : NsmDashboardTestContext
{
    public PcrsPageFaultTests()
        : base(wrap: emulator => new FaultInjectingNsmTransport(emulator, new NsmFaultSchedule()))
    {
    }

    private NsmFaultSchedule Schedule => ((FaultInjectingNsmTransport)Services.GetRequiredService<NsmDashboard.Nsm.Device.INsmTransport>()).Schedule;

    [Fact]
    public void A_page_opened_while_the_device_fails_shows_the_errno_and_reads_again_once_it_answers()
    {
        // Arrange: every call fails with ETIMEDOUT
        Schedule.Set(new NsmFaultRule { Kind = NsmFaultKind.Etimedout });
        RenderProviders();

        // Act
        var page = Render<PcrsPage>();

        // Assert: the error names the errno, and says it will try again by itself
        page.WaitForAssertion(() =>
        {
            Assert.Contains("Reading the PCRs failed: Device error ETIMEDOUT (errno 110) in ioctl", page.Find("[data-testid=nsm-error]").TextContent, StringComparison.Ordinal);
            Assert.NotNull(page.Find("[data-testid=nsm-error-waiting]"));
        });
        Assert.Equal(1, Services.GetRequiredService<NsmRecoveryProbe>().WaiterCount);

        // Act: the device recovers; nobody clicks Retry
        Schedule.Clear();

        // Assert: the probe (every 2 s) sees it answer, and the page reads the PCRs
        page.WaitForElement("tr.pcr-row-31", TimeSpan.FromSeconds(15));
        Assert.Empty(page.FindAll("[data-testid=nsm-error]"));
        Assert.Equal(0, Services.GetRequiredService<NsmRecoveryProbe>().WaiterCount);
    }

    [Fact]
    public void A_refusal_of_the_NSM_is_not_retried_by_itself()
    {
        // A refusal is an answer: waiting for the NSM to "answer again" would retry it for ever.
        RenderProviders();
        var alert = Render<NsmDashboard.Web.Components.Controls.NsmErrorAlert>(p => p
            .Add(a => a.Error, new NsmDashboard.Nsm.NsmException(NsmDashboard.Nsm.Protocol.NsmErrorCode.InvalidIndex))
            .Add(a => a.RetryWhenAnswering, true)
            .Add(a => a.OnRetry, () => { }));

        Assert.Empty(alert.FindAll("[data-testid=nsm-error-waiting]"));
        Assert.Equal(0, Services.GetRequiredService<NsmRecoveryProbe>().WaiterCount);
    }
}
