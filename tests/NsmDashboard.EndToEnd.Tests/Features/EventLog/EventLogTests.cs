using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NsmDashboard.EndToEnd.Tests.Infrastructure;
using NsmDashboard.Nsm;
using NsmDashboard.Nsm.Device;

namespace NsmDashboard.EndToEnd.Tests.Features.EventLog;

public sealed class EventLogTests(NsmDashboardServerFixture server, PlaywrightFixture playwright)
    : PlaywrightTestsBase(server, playwright)
{
    [Fact]
    public Task An_extend_in_the_UI_is_explained_and_one_made_out_of_band_is_flagged_on_the_event_log() => RunTestAsync(async page =>
    {
        // Arrange: an operator extends PCR24 and PCR25 through the dialog
        var pcrs = new PcrsPage(page);
        await pcrs.OpenAsync();
        await pcrs.ExtendWithTextAsync(24, "app-config:v1");
        await pcrs.ExtendWithTextAsync(25, "app-config:v1");

        // Act: another process in the enclave extends PCR24 straight through the NSM, bypassing the dashboard
        var transport = Server.App.Application.Services.GetRequiredService<INsmTransport>();
        await new NsmClient(transport).ExtendPcrAsync(24, "rogue"u8.ToArray(), TestContext.Current.CancellationToken);
        await PlaywrightTestsBaseAccess.GotoAsync(page, "eventlog");

        // Assert: PCR25 is explained by the log; PCR24 changed outside after entry #1
        await Assertions.Expect(page.Locator("[data-testid=eventlog-entry]")).ToHaveCountAsync(2);
        var pcr25 = page.Locator("[data-testid=replay-table] [data-testid=replay-row][data-index='25']");
        await Assertions.Expect(pcr25).ToHaveAttributeAsync("data-verdict", "Explained");
        await Assertions.Expect(pcr25.Locator("[data-testid=replay-verdict]")).ToContainTextAsync("✓ explained");
        var pcr24 = page.Locator("[data-testid=replay-table] [data-testid=replay-row][data-index='24']");
        await Assertions.Expect(pcr24).ToHaveAttributeAsync("data-verdict", "ChangedOutside");
        await Assertions.Expect(pcr24.Locator("[data-testid=replay-verdict]")).ToContainTextAsync("✗ changed outside this dashboard");
        await Assertions.Expect(pcr24.Locator("[data-testid=replay-diverges]")).ToHaveTextAsync("diverges after entry #1");
    });
}
