using Microsoft.Playwright;
using NsmDashboard.EndToEnd.Tests.Infrastructure;

namespace NsmDashboard.EndToEnd.Tests.Features.Pcrs;

public sealed class PcrLockTests(NsmDashboardServerFixture server, PlaywrightFixture playwright)
    : PlaywrightTestsBase(server, playwright)
{
    [Fact]
    public Task Locking_PCR16_shows_the_badge_and_disables_extend() => RunTestAsync(async page =>
    {
        // Arrange
        var pcrs = new PcrsPage(page);
        await pcrs.OpenAsync();
        await Assertions.Expect(pcrs.LockBadge(16)).ToHaveCountAsync(0);
        await Assertions.Expect(pcrs.ExtendButton(16)).ToBeEnabledAsync();

        // Act: the confirm button stays disabled until the PCR number is typed
        await pcrs.LockButton(16).ClickAsync();
        var confirm = pcrs.Dialog.Locator("[data-testid=lock-confirm]");
        await Assertions.Expect(pcrs.Dialog.Locator("[data-testid=lock-warning]")).ToContainTextAsync("life of the enclave");
        await Assertions.Expect(confirm).ToBeDisabledAsync();
        await pcrs.Dialog.Locator("[data-testid=lock-confirm-text]").FillAsync("17");
        await Assertions.Expect(confirm).ToBeDisabledAsync();
        await pcrs.Dialog.Locator("[data-testid=lock-confirm-text]").FillAsync("16");
        await Assertions.Expect(confirm).ToBeEnabledAsync();
        await confirm.ClickAsync();

        // Assert
        await Assertions.Expect(pcrs.Dialog).ToHaveCountAsync(0);
        await Assertions.Expect(pcrs.LockBadge(16)).ToBeVisibleAsync();
        await Assertions.Expect(pcrs.ExtendButton(16)).ToBeDisabledAsync();
        await Assertions.Expect(pcrs.LockButton(16)).ToBeDisabledAsync();
        var reason = await pcrs.ExtendButton(16).Locator("xpath=..").GetAttributeAsync("title");
        Assert.Contains("PCR16 is locked", reason, StringComparison.Ordinal);
        await Assertions.Expect(pcrs.ExtendButton(17)).ToBeEnabledAsync();
    });
}
