using Microsoft.Playwright;

namespace NsmDashboard.EndToEnd.Tests.Infrastructure;

/// <summary>Navigation shared by the test base and the page objects.</summary>
internal static class PlaywrightTestsBaseAccess
{
    /// <summary>Opens a page and waits until the Blazor circuit has rendered the layout.</summary>
    public static async Task GotoAsync(IPage page, string relativeUrl)
    {
        await page.GotoAsync(relativeUrl);

        // Nothing is prerendered, so the app bar's mode chip appears only once the circuit is live. The first circuit
        // of a process JIT-compiles the components: on a loaded machine, or in the rig's emulated CPU, that is slow.
        await Assertions.Expect(page.Locator("[data-testid=mode-chip]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
    }
}
