using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NsmDashboard.EndToEnd.Tests.Infrastructure;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Device;
using NsmDashboard.Nsm.Emulator.Faults;
using NsmDashboard.Web.Metrics;

namespace NsmDashboard.EndToEnd.Tests.Features.Resilience;

/// <summary>
/// Open pages over a device that fails for a while and comes back (fault injection at the byte seam): every page shows
/// the error with its errno or ErrorCode, no circuit drops, the live views catch up by themselves once the device
/// answers, and an extend whose answer was lost is shown, audited and logged as what it is.
/// </summary>
public sealed class DeviceFaultTests(FaultInjectionServerFixture server, PlaywrightFixture playwright)
    : PlaywrightTestsBase(server, playwright), IClassFixture<FaultInjectionServerFixture>
{
    // Recovery is detected by a probe every 2 s, then the page reads again: generous on a shared machine.
    private static readonly LocatorAssertionsToBeVisibleOptions Recovered = new() { Timeout = 30_000 };

    [Fact]
    public Task During_a_fault_window_every_page_shows_the_errno_and_the_live_views_catch_up_without_a_reload() => RunTestAsync(5, async pages =>
    {
        var (overview, pcrs, eventLog, random, attestation) = (pages[0], pages[1], pages[2], pages[3], pages[4]);
        try
        {
            // Arrange: the device fails every request with EIO
            server.Schedule.Set(new NsmFaultRule { Kind = NsmFaultKind.Eio });

            // Act: each page opened during the window
            await GotoAsync(overview, "");
            await GotoAsync(pcrs, "pcrs");
            await GotoAsync(eventLog, "eventlog");
            await GotoAsync(random, "random");
            await random.Locator("[data-testid=get-random]").ClickAsync();
            await GotoAsync(attestation, "attestation");
            await attestation.Locator("[data-testid=request-attestation]").ClickAsync();

            // Assert: every page names the errno
            const string Errno = "Device error EIO (errno 5) in ioctl";
            await ExpectError(overview, "Reading the module failed: " + Errno);
            await ExpectError(pcrs, "Reading the PCRs failed: " + Errno);
            await ExpectError(eventLog, "Replaying the log failed: " + Errno);
            await ExpectError(random, "GetRandom failed: " + Errno);
            await ExpectError(attestation, "Attestation failed: " + Errno);
            await Assertions.Expect(pcrs.Locator("[data-testid=nsm-error-waiting]")).ToBeVisibleAsync();

            // Act: the device recovers; nobody reloads
            server.Schedule.Clear();

            // Assert: the live views read again by themselves
            await Assertions.Expect(overview.Locator("[data-testid=max-pcrs]")).ToBeVisibleAsync(Recovered);
            await Assertions.Expect(new PcrsPage(pcrs).Row(31)).ToBeVisibleAsync(Recovered);
            await Assertions.Expect(eventLog.Locator("[data-testid=replay-table]")).ToBeVisibleAsync(Recovered);
            foreach (var live in new[] { overview, pcrs, eventLog })
            {
                await Assertions.Expect(live.Locator("[data-testid=nsm-error]")).ToHaveCountAsync(0);
            }

            // … the actions an operator started work on Retry (they are not repeated behind their back)
            await random.Locator("[data-testid=nsm-error] button").ClickAsync();
            await Assertions.Expect(random.Locator("[data-testid=random-result]")).ToBeVisibleAsync();
            await attestation.Locator("[data-testid=nsm-error] button").ClickAsync();
            await Assertions.Expect(attestation.Locator("[data-testid=attestation-result]")).ToBeVisibleAsync();

            // … and no circuit dropped: no reconnect UI, and the server still counts them connected
            await ExpectCircuitsConnected(pages);
        }
        finally
        {
            server.Schedule.Clear();
        }
    });

    [Fact]
    public Task An_extend_whose_answer_was_lost_shows_its_error_and_every_view_agrees_with_the_device() => RunTestAsync(2, async pages =>
    {
        var (operatorPage, watcher) = (new PcrsPage(pages[0]), new PcrsPage(pages[1]));
        try
        {
            // Arrange: two circuits on the PCR page; the next ExtendPCR is applied but its answer comes back as garbage
            await operatorPage.OpenAsync();
            await watcher.OpenAsync();
            server.Schedule.Set(new NsmFaultRule { Kind = NsmFaultKind.Garbage, Operations = ["ExtendPCR"], Limit = 1 });

            // Act: extend PCR28 through the dialog
            await operatorPage.ExtendButton(28).ClickAsync();
            await operatorPage.Dialog.Locator("[data-testid=extend-text]").FillAsync("lost answer");
            await operatorPage.Dialog.Locator("[data-testid=extend-review]").ClickAsync();
            await operatorPage.Dialog.Locator("[data-testid=extend-confirm]").ClickAsync();

            // Assert: the dialog names the protocol error
            await Assertions.Expect(operatorPage.Dialog.Locator("[data-testid=nsm-error]"))
                .ToContainTextAsync("Extending PCR28 failed: Protocol error InvalidResponse at byte 0");

            // … both circuits show what the device really holds, read back, without a reload
            var actual = Convert.ToHexStringLower(SHA384.HashData([.. new byte[48], .. "lost answer"u8]));
            await Assertions.Expect(operatorPage.Value(28)).ToHaveAttributeAsync("data-value", actual);
            await Assertions.Expect(watcher.Value(28)).ToHaveAttributeAsync("data-value", actual);

            // … the audit trail says outcome unknown; the event log holds no extend and its replay says changed outside
            await GotoAsync(pages[1], "audit");
            var lost = pages[1].Locator("[data-testid=audit-row]").Filter(new() { HasText = "ExtendPcr 28" });
            await Assertions.Expect(lost).ToHaveCountAsync(1);
            await Assertions.Expect(lost).ToHaveAttributeAsync("data-outcome", "Unknown");
            await GotoAsync(pages[1], "eventlog");
            var pcr28 = pages[1].Locator("[data-testid=replay-table] [data-testid=replay-row][data-index='28']");
            await Assertions.Expect(pcr28).ToHaveAttributeAsync("data-verdict", "ChangedOutside");
            await Assertions.Expect(pcr28.Locator("[data-testid=replay-diverges]")).ToHaveTextAsync("diverges after the start (before entry #1)");
            Assert.Equal(actual, Convert.ToHexStringLower((await Client().DescribePcrAsync(28, TestContext.Current.CancellationToken)).Data.Span));

            // … and, the dialog closed, the next extend works
            await operatorPage.Dialog.Locator(".mud-button-close").ClickAsync();
            await Assertions.Expect(operatorPage.Dialog).ToHaveCountAsync(0);
            var next = await operatorPage.ExtendWithTextAsync(28, "next");
            Assert.Equal(Convert.ToHexStringLower(SHA384.HashData([.. Convert.FromHexString(actual), .. "next"u8])), next.Replace(" ", "", StringComparison.Ordinal));
            await ExpectCircuitsConnected(pages);
        }
        finally
        {
            server.Schedule.Clear();
        }
    });

    [Fact]
    public Task A_PCR_page_that_was_fine_catches_up_with_a_change_made_while_the_device_failed() => RunTestAsync(async page =>
    {
        var pcrs = new PcrsPage(page);
        try
        {
            // Arrange: the page shows PCR29 at zero
            await pcrs.OpenAsync();
            await Assertions.Expect(pcrs.Value(29)).ToHaveAttributeAsync("data-value", new string('0', 96));

            // Act: an API extend is applied but its answer is lost; the PCR read before it works (else it would not be
            // sent), the read-back after it fails, and so does every DescribeNSM (each page read starts with one)
            server.Schedule.Set(
                new NsmFaultRule { Kind = NsmFaultKind.Etimedout, Phase = NsmFaultPhase.AfterDevice, Operations = ["ExtendPCR"], Limit = 1 },
                new NsmFaultRule { Kind = NsmFaultKind.Eio, Operations = ["DescribePCR"], EveryNthCall = 2, Limit = 1 },
                new NsmFaultRule { Kind = NsmFaultKind.Eio, Operations = ["DescribeNSM"] });
            using var api = new HttpClient { BaseAddress = Server.BaseAddress };
            api.DefaultRequestHeaders.Authorization = new("Bearer", NsmDashboardServerFixture.OperatorToken);
            using var response = await api.PostAsync("api/pcrs/29/extend", new StringContent("{\"text\":\"during the outage\"}", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

            // Assert: the page learnt that PCR29 may have changed, tried to read it, and shows the device's error meanwhile
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, response.StatusCode);
            await ExpectError(page, "Reading the PCRs failed: Device error EIO (errno 5) in ioctl");

            // Act: the device recovers
            server.Schedule.Clear();

            // Assert: without a reload the page shows the value the device holds
            var actual = Convert.ToHexStringLower(SHA384.HashData([.. new byte[48], .. "during the outage"u8]));
            await Assertions.Expect(pcrs.Value(29)).ToHaveAttributeAsync("data-value", actual, new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator("[data-testid=nsm-error]")).ToHaveCountAsync(0);
            await ExpectCircuitsConnected([page]);
        }
        finally
        {
            server.Schedule.Clear();
        }
    });

    private NsmClient Client() => new(server.App.Application.Services.GetRequiredService<INsmTransport>());

    private static Task ExpectError(IPage page, string text) =>
        Assertions.Expect(page.Locator("[data-testid=nsm-error]")).ToContainTextAsync(text);

    private async Task ExpectCircuitsConnected(IReadOnlyList<IPage> pages)
    {
        foreach (var page in pages)
        {
            await Assertions.Expect(page.Locator("#components-reconnect-modal")).Not.ToBeVisibleAsync();
        }

        Assert.True(
            server.App.Application.Services.GetRequiredService<DashboardMetrics>().ConnectedCircuits >= pages.Count,
            "a circuit of the test's pages is no longer connected");
    }
}
