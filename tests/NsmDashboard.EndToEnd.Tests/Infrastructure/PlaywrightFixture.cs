using Microsoft.Playwright;

namespace NsmDashboard.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One headless Chromium per test collection. When the browser is missing the fixture still initialises and
/// records why, so each test can skip (locally) or fail (under CI) with that message.
/// </summary>
public sealed class PlaywrightFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    /// <summary>The browser, or null when <see cref="UnavailableReason"/> is set.</summary>
    public IBrowser? Browser { get; private set; }

    /// <summary>Why there is no browser, or null.</summary>
    public string? UnavailableReason { get; private set; }

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        UnavailableReason = ChromiumLocator.MissingReason;
        if (UnavailableReason is not null)
        {
            return;
        }

        _playwright = await Playwright.CreateAsync();
        try
        {
            Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumLocator.ExecutablePath,
                Headless = true,
                Args = ChromiumLocator.Arguments,
            });
        }
        catch (PlaywrightException ex)
        {
            UnavailableReason = $"Chromium at {ChromiumLocator.ExecutablePath} could not be launched: {ex.Message}";
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
