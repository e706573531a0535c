using Microsoft.Playwright;
using NsmDashboard.EndToEnd.Tests.Infrastructure;

namespace NsmDashboard.EndToEnd.Tests.Features.Overview;

public sealed class OverviewTests(NsmDashboardServerFixture server, PlaywrightFixture playwright)
    : PlaywrightTestsBase(server, playwright)
{
    [Fact]
    public Task Overview_in_emulator_mode_shows_the_emulated_banner_and_the_module() => RunTestAsync(async page =>
    {
        // Act
        await GotoAsync(page, "");

        // Assert
        var banner = page.Locator("[data-testid=emulated-banner]");
        await Assertions.Expect(banner).ToBeVisibleAsync();
        await Assertions.Expect(banner).ToContainTextAsync("EMULATED NSM");
        await Assertions.Expect(page.Locator("[data-testid=mode-chip]")).ToHaveTextAsync("EMULATED");
        await Assertions.Expect(page.Locator("[data-testid=max-pcrs]")).ToHaveTextAsync("32");
        await Assertions.Expect(page.Locator("[data-testid=digest]")).ToHaveTextAsync("SHA384");
        await Assertions.Expect(page.Locator("[data-testid=locked-pcrs] .locked-ranges")).ToHaveTextAsync("0–15");
    });

    [Fact]
    public Task The_emulated_banner_is_on_every_page() => RunTestAsync(async page =>
    {
        foreach (var path in (string[])["", "pcrs", "random"])
        {
            await GotoAsync(page, path);
            await Assertions.Expect(page.Locator("[data-testid=emulated-banner]")).ToBeVisibleAsync();
        }
    });

    [Fact]
    public Task Static_files_come_from_the_top_level_wwwroot_and_the_packages() => RunTestAsync(async page =>
    {
        // Act
        var css = await page.APIRequest.GetAsync("css/app.css");
        var script = await page.APIRequest.GetAsync("js/dashboard.js");
        var mud = await page.APIRequest.GetAsync("_content/MudBlazor/MudBlazor.min.css");

        // Assert
        Assert.Equal(200, css.Status);
        Assert.Contains(".page-header", await css.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(200, script.Status);
        Assert.Contains("export async function copyText", await script.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(200, mud.Status);
    });
}
