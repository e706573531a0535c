using Microsoft.Playwright;

namespace NsmDashboard.EndToEnd.Tests.Infrastructure;

/// <summary>Navigation shared by the test base and the page objects.</summary>
internal static class PlaywrightTestsBaseAccess
{
    /// <summary>Opens a page and waits until the Blazor circuit has rendered the layout.</summary>
    public static async Task GotoAsync(IPage page, string relativeUrl)
    {
        await page.GotoAsync(relativeUrl);

        // Nothing is prerendered, so the app bar's mode chip appears only once the circuit is live.
        await Assertions.Expect(page.Locator("[data-testid=mode-chip]")).ToBeVisibleAsync();
    }
}
