using NsmDashboard.Web.Components.Layout;
using NsmDashboard.Web.Tests.Infrastructure;

namespace NsmDashboard.Web.Tests.Components.Layout;

public sealed class DashboardThemeProviderTests : NsmDashboardTestContext
{
    [Fact]
    public void Renders_the_dashboard_palette_of_the_chosen_mode()
    {
        // Act
        var light = Render<DashboardThemeProvider>(p => p.Add(x => x.IsDarkMode, false).Add(x => x.ObserveSystemDarkModeChange, false));
        var dark = Render<DashboardThemeProvider>(p => p.Add(x => x.IsDarkMode, true).Add(x => x.ObserveSystemDarkModeChange, false));

        // Assert: DashboardTheme's primary colours (#2563eb light, #60a5fa dark) as MudBlazor writes them
        Assert.Contains("--mud-palette-primary: rgba(37,99,235,1);", light.Markup, StringComparison.Ordinal);
        Assert.Contains("--mud-palette-primary: rgba(96,165,250,1);", dark.Markup, StringComparison.Ordinal);
        Assert.Contains("::-webkit-scrollbar", light.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Switching_mode_switches_the_sheet_and_back()
    {
        // Arrange
        var theme = Render<DashboardThemeProvider>(p => p.Add(x => x.IsDarkMode, false).Add(x => x.ObserveSystemDarkModeChange, false));
        var lightMarkup = theme.Markup;

        // Act
        theme.Render(p => p.Add(x => x.IsDarkMode, true).Add(x => x.ObserveSystemDarkModeChange, false));
        var darkMarkup = theme.Markup;
        theme.Render(p => p.Add(x => x.IsDarkMode, false).Add(x => x.ObserveSystemDarkModeChange, false));

        // Assert
        Assert.Contains("rgba(96,165,250,1)", darkMarkup, StringComparison.Ordinal);
        Assert.DoesNotContain("rgba(96,165,250,1)", lightMarkup, StringComparison.Ordinal);
        Assert.Equal(lightMarkup, theme.Markup);
    }

    [Fact]
    public void Refuses_to_let_MudBlazor_observe_the_system_or_another_theme()
    {
        // A sheet built while MudBlazor's own state and the parameter disagree would be cached under the wrong mode.
        Assert.Throws<InvalidOperationException>(() => Render<DashboardThemeProvider>(p => p.Add(x => x.IsDarkMode, false)));
        Assert.Throws<InvalidOperationException>(() => Render<DashboardThemeProvider>(p => p
            .Add(x => x.ObserveSystemDarkModeChange, false)
            .Add(x => x.Theme, new MudBlazor.MudTheme())));
    }
}
