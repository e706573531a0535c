using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using NsmDashboard.Web.Components.Controls;
using NsmDashboard.Web.Operations;
using NsmDashboard.Web.Security.Authentication;

namespace NsmDashboard.Web.Components.Layout;

/// <summary>
/// The frame of every page: app bar (mode chip, theme toggle), navigation drawer, the emulated and
/// debug-mode banners, and an error boundary so that an unexpected failure costs a page, not the circuit. When the
/// tab's session ends (signed out elsewhere, idle too long) it renders again — every page then reads the tab's lost
/// role — and says so with <see cref="SessionEndedNotice"/>.
/// </summary>
public partial class MainLayout : IDisposable
{
    private static readonly MarkupString MenuIcon = StaticIcon.Svg(Icons.Material.Filled.Menu);
    private static readonly MarkupString LightModeIcon = StaticIcon.Svg(Icons.Material.Filled.LightMode);
    private static readonly MarkupString SignOutIcon = StaticIcon.Svg(Icons.Material.Filled.Logout);
    private static readonly MarkupString DarkModeIcon = StaticIcon.Svg(Icons.Material.Filled.DarkMode);
    private static readonly MarkupString LogoIcon = StaticIcon.Svg(Icons.Material.Filled.Shield, $"{MudClasses.IconMedium} ml-1 mr-2 app-logo");
    private static readonly MarkupString EmulatedChip = Chip(MudClasses.ChipFilledWarningSmall, Icons.Material.Filled.Science, "EMULATED");
    private static readonly MarkupString DeviceChip = Chip(MudClasses.ChipFilledSuccessSmall, Icons.Material.Filled.Memory, "DEVICE");

    private DashboardThemeProvider? _themeProvider;
    private ErrorBoundary? _errorBoundary;
    private bool _isDarkMode;
    private bool _drawerOpen = true;
    private bool _sessionEnded;

    [Inject]
    private NsmStateService State { get; set; } = default!;

    [Inject]
    private BrowserInterop Browser { get; set; } = default!;

    [Inject]
    private DashboardSession Session { get; set; } = default!;

    [Inject]
    private AuthenticationStateProvider Authentication { get; set; } = default!;

    private string UserName => Session.User.Identity?.Name ?? "not signed in";

    private string UserRole => Session.Role ?? "no role";

    // The read-only visitor has no session to end.
    private bool CanSignOut =>
        Session.User.Identity is { IsAuthenticated: true }
        && Session.User.FindFirst(DashboardIdentities.MethodClaim)?.Value != DashboardIdentities.ReadOnlyMethod;

    /// <inheritdoc/>
    public void Dispose()
    {
        Authentication.AuthenticationStateChanged -= OnAuthenticationStateChanged;
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc/>
    protected override void OnInitialized() => Authentication.AuthenticationStateChanged += OnAuthenticationStateChanged;

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

    // MudChip's markup (filled, small, with an icon), for the mode chip that never changes in a process.
    private static MarkupString Chip(string classes, string icon, string text) => new(
        $"<div class=\"{classes} ml-3 mode-chip\" data-testid=\"mode-chip\">"
        + $"{StaticIcon.Svg(icon, MudClasses.ChipIconSmall)}<span class=\"{MudClasses.ChipContent}\">{text}</span></div>");

    private void Recover() => _errorBoundary?.Recover();

    private async void OnAuthenticationStateChanged(Task<AuthenticationState> state)
    {
        try
        {
            var user = (await state).User;
            _sessionEnded |= user.Identity is not { IsAuthenticated: true };
            await InvokeAsync(StateHasChanged);
        }
        catch (ObjectDisposedException)
        {
            // The circuit closed meanwhile: nothing to show.
        }
    }
}
