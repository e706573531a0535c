using Microsoft.Playwright;

namespace NsmDashboard.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Base class of the browser tests: a fresh server per class (<see cref="NsmDashboardServerFixture"/>),
/// the collection's browser, and <see cref="RunTestAsync"/>, which opens pages in new browser contexts
/// (one context = one Blazor circuit) signed in as an Operator, and handles a missing browser;
/// <see cref="RunAnonymousTestAsync"/> opens a page with no session.
/// </summary>
[Collection(BrowserTestGroup.Name)]
[Trait("Category", "EndToEnd")]
public abstract class PlaywrightTestsBase(NsmDashboardServerFixture server, PlaywrightFixture playwright)
    : IClassFixture<NsmDashboardServerFixture>
{
    /// <summary>The server under test.</summary>
    protected NsmDashboardServerFixture Server { get; } = server;

    /// <summary>Runs a test with one page open at the dashboard's root.</summary>
    protected Task RunTestAsync(Func<IPage, Task> test) =>
        RunTestAsync(1, pages => test(pages[0]));

    /// <summary>Runs a test with <paramref name="pageCount"/> pages, each in its own browser context (its own circuit), signed in as an Operator.</summary>
    protected Task RunTestAsync(int pageCount, Func<IReadOnlyList<IPage>, Task> test) => RunTestAsync(pageCount, signedIn: true, test);

    /// <summary>Runs a test with one page that has no session (it sees the login page).</summary>
    protected Task RunAnonymousTestAsync(Func<IPage, Task> test) => RunTestAsync(1, signedIn: false, pages => test(pages[0]));

    private async Task RunTestAsync(int pageCount, bool signedIn, Func<IReadOnlyList<IPage>, Task> test)
    {
        ArgumentNullException.ThrowIfNull(test);
        if (Server.UnavailableReason is { } unavailable)
        {
            Assert.Skip(unavailable);
        }

        var browser = RequireBrowser();
        var storageState = signedIn ? await OperatorStorageStateAsync(browser) : null;
        var contexts = new List<IBrowserContext>();
        var consoles = new List<List<string>>();
        try
        {
            var pages = new List<IPage>();
            for (var i = 0; i < pageCount; i++)
            {
                var context = await browser.NewContextAsync(new BrowserNewContextOptions
                {
                    BaseURL = Server.BaseAddress.ToString(),
                    ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
                    StorageState = storageState,

                    // Over vsock the dashboard serves its own certificate, made at start; its trust comes from
                    // attestation (nsm verify-tls), not from a CA the browser knows.
                    IgnoreHTTPSErrors = true,
                });
                context.SetDefaultTimeout(Server.PageTimeout);
                contexts.Add(context);
                var page = await context.NewPageAsync();
                var console = new List<string>();
                consoles.Add(console);
                page.Console += (_, message) => console.Add($"{message.Type}: {message.Text}");
                page.PageError += (_, error) => console.Add($"page error: {error}");
                pages.Add(page);
            }

            try
            {
                await test(pages);
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.SkipException)
            {
                await SaveScreenshotsAsync(pages, consoles);
                throw;
            }
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.DisposeAsync();
            }
        }
    }

    /// <summary>Opens a page and waits until the Blazor circuit has rendered the layout.</summary>
    protected static Task GotoAsync(IPage page, string relativeUrl) => PlaywrightTestsBaseAccess.GotoAsync(page, relativeUrl);

    // Signs in once per server on the login form, as an Operator, and keeps the session cookie for every later page.
    // (API tokens do not sign a browser in; the one-time token signs in once.)
    private async Task<string> OperatorStorageStateAsync(IBrowser browser)
    {
        if (Server.OperatorStorageState is { } saved)
        {
            return saved;
        }

        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString(),
            IgnoreHTTPSErrors = true,
        });
        context.SetDefaultTimeout(Server.PageTimeout);
        var page = await context.NewPageAsync();
        await SignInAsync(page, Server.OperatorLogin.Name, Server.OperatorLogin.Password);
        await Assertions.Expect(page.Locator("[data-testid=mode-chip]")).ToBeVisibleAsync();
        Server.OperatorStorageState = await context.StorageStateAsync();
        return Server.OperatorStorageState;
    }

    /// <summary>Signs <paramref name="page"/> in on the login form.</summary>
    protected static async Task SignInAsync(IPage page, string name, string password)
    {
        await page.GotoAsync("login");
        await page.Locator("[data-testid=login-name]").FillAsync(name);
        await page.Locator("[data-testid=login-password]").FillAsync(password);
        await page.Locator("[data-testid=login-submit]").ClickAsync();
    }

    // Keeps what the browser showed, and what its console said, when a test failed, for the CI log.
    private static async Task SaveScreenshotsAsync(List<IPage> pages, List<List<string>> consoles)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "playwright-failures");
        Directory.CreateDirectory(directory);
        var name = TestContext.Current.Test?.TestDisplayName ?? "test";
        foreach (var invalid in Path.GetInvalidFileNameChars())
        {
            name = name.Replace(invalid, '_');
        }

        for (var i = 0; i < pages.Count; i++)
        {
            var path = Path.Combine(directory, $"{name}-page{i}.png");
            await File.WriteAllLinesAsync(Path.ChangeExtension(path, ".console.txt"), consoles[i]);
            try
            {
                await pages[i].ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
                TestContext.Current.SendDiagnosticMessage($"Screenshot of page {i}: {path}");
            }
            catch (PlaywrightException)
            {
                // The page may be gone; the test's own failure is what matters.
            }
        }
    }

    private IBrowser RequireBrowser()
    {
        if (playwright.Browser is { } browser)
        {
            return browser;
        }

        var reason = playwright.UnavailableReason ?? "The browser is not available.";
        if (ChromiumLocator.IsCi)
        {
            Assert.Fail($"CI=true and the browser tests cannot run: {reason}");
        }

        Assert.Skip(reason);
        return null!;
    }
}
