using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using NsmDashboard.Web.Services;

namespace NsmDashboard.Web.Components.Layout;

/// <summary>
/// The frame of every page: app bar (mode chip, theme toggle), navigation drawer, the emulated and
/// debug-mode banners, and an error boundary so that an unexpected failure costs a page, not the circuit.
/// </summary>
public partial class MainLayout
{
    private MudThemeProvider? _themeProvider;
    private ErrorBoundary? _errorBoundary;
    private bool _isDarkMode;
    private bool _drawerOpen = true;

    [Inject]
    private NsmStateService State { get; set; } = default!;

    [Inject]
    private BrowserInterop Browser { get; set; } = default!;

    /// <inheritdoc/>
    protected override void OnParametersSet()
    {
        // Navigating away from a failed page gives the next page a fresh start.
        _errorBoundary?.Recover();
    }

    /// <inheritdoc/>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        // A choice made with the toggle wins; otherwise follow the operating system.
        var saved = await Browser.GetSavedThemeAsync();
        var dark = saved switch
        {
            "dark" => true,
            "light" => false,
            _ => _themeProvider is not null && await _themeProvider.GetSystemDarkModeAsync(),
        };
        if (dark != _isDarkMode)
        {
            _isDarkMode = dark;
            StateHasChanged();
        }
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private async Task ToggleDarkModeAsync()
    {
        _isDarkMode = !_isDarkMode;
        await Browser.SaveThemeAsync(_isDarkMode ? "dark" : "light");
    }

    private void Recover() => _errorBoundary?.Recover();
}
